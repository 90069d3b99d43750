/**
 * The layering zones in eslint.config.js, run on one import at a time: each forbidden direction
 * is refused and each allowed one passes, so a zone that silently matches nothing cannot pass
 * review. The rule matches import text per folder depth, which is easy to get wrong.
 */
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const configPath = path.join(root, 'eslint.config.js');
const { layering } = (await import(configPath)) as { layering: Linter.Config[] };

const linter = new Linter({ cwd: root });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  ...layering,
];

/** The layering messages for `import … from '<source>'` written in `file`. */
function refusals(file: string, source: string): string[] {
  const messages = linter.verify(`import { x } from '${source}';\nvoid x;\n`, config, path.join(root, file));
  return messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('layering lint', () => {
  it.each([
    ['electron/core/jobs/runner.ts', '../../../test/fake-bfl'],
    ['electron/core/jobs/runner.ts', '../../security'],
    ['electron/core/jobs/runner.ts', '../../cli/report'],
    ['electron/core/jobs/runner.ts', '../../web-host/server'],
    ['electron/core/jobs/runner.ts', '../../../renderer/state/wire'],
    ['electron/core/app-core.ts', '../main'],
    ['electron/core/app-core.ts', 'electron'],
    ['electron/web-host/web-csp.ts', '../security'],
    ['electron/cli/report.ts', '../main'],
    ['electron/cli.ts', './protocol'],
    ['renderer/features/detail/Lineage.tsx', '../composer/CostLine'],
    ['renderer/features/detail/Lineage.tsx', '../../../electron/core/ids'],
    ['renderer/ui/Modal.tsx', '../features/gallery/Thumb'],
    ['renderer/state/wire.ts', '../../test/support/temp'],
    ['shared/models/catalog.ts', '../../electron/core/ids'],
  ])('refuses %s importing %s', (file, source) => {
    expect(refusals(file, source)).toEqual([expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: /)]);
  });

  it.each([
    ['electron/core/jobs/runner.ts', '../../../shared/types'],
    ['electron/core/jobs/runner.ts', '../library/library'],
    ['electron/core/app-core.ts', './jobs/runner'],
    ['electron/web-host/server.ts', '../core/events'],
    ['electron/web-host/server.ts', '../../shared/api'],
    ['electron/cli/report.ts', '../core/paths'],
    ['electron/cli.ts', './cli/report'],
    ['electron/cli.ts', '../shared/version'],
    ['renderer/features/detail/Lineage.tsx', './ParamTable'],
    ['renderer/features/detail/Lineage.tsx', '../../ui/format'],
    ['renderer/features/detail/Lineage.tsx', '../../../shared/types'],
    ['renderer/App.tsx', './features/gallery/Gallery'],
    ['shared/models/catalog.ts', '../types'],
    ['electron/core/jobs/runner.test.ts', '../../../test/support/jobs-test-harness'],
  ])('lets %s import %s', (file, source) => {
    expect(refusals(file, source)).toEqual([]);
  });
});
