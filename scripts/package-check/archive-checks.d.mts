// Types for archive-checks.mjs, so the TypeScript tests can call it.
export declare const PACKED_SIZE_BUDGET_BYTES: number;
export declare const NATIVE_PACKAGES: string[];
export declare function bundleImports(mainDir: string): string[];
export declare function archiveEntries(asarPath: string): { path: string; unpacked: boolean }[];
export declare function checkArchive(options: {
  resourcesDir: string;
  mainDir: string;
  packageJson: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  budgetBytes?: number;
}): { failures: string[]; facts: string[] };
