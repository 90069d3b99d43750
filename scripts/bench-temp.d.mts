/** Types for bench-temp.mjs (the benches make their scratch folders with it). */
export declare function benchTempDir(what: string): string;
export declare function removeBenchTempDir(dir: string): void;
export declare function sweepStaleBenchTemp(dir?: string): string[];
