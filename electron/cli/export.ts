/**
 * `seedbank export DIR`: the studio's export from the command line — a project (or Unsorted,
 * or chosen ids) copied to a folder with a manifest, optionally named from a template
 * (`--name '{date}-{prompt:40}-{seed}'`, the same rule as the app: shared/export-name.ts),
 * converted (`--format`, `--max-side`) and with a contact sheet; or a preset saved in the app.
 * The options are checked by the core's own schema, so a bad template is refused the same way.
 */
import path from 'node:path';
import { Command } from 'commander';
import {
  DEFAULT_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  EXPORT_SHEETS,
  type ExportOptionsInput,
} from '../../shared/export-preset';
import { CliError, EXIT } from './exit-codes';
import { parseInteger } from './generation-options';
import { findProjectId } from './projects';
import { withSession, type CliSession } from './session';

interface ExportCliOptions {
  project?: string;
  unsorted?: boolean;
  id?: string[];
  name?: string;
  format?: string;
  maxSide?: string;
  quality?: string;
  contactSheet?: string;
  preset?: string;
  json?: boolean;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`, EXIT.invalid);
  return value as T;
}

async function exportOptions(session: CliSession, options: ExportCliOptions): Promise<ExportOptionsInput> {
  let base: ExportOptionsInput = { ...DEFAULT_EXPORT_OPTIONS, nameTemplate: undefined };
  if (options.preset !== undefined) {
    const { settings } = await session.call('settings:get');
    const preset = settings.exportPresets.find((p) => p.name.toLowerCase() === options.preset!.trim().toLowerCase());
    if (!preset) {
      const names = settings.exportPresets.map((p) => p.name).join(', ') || 'none saved';
      throw new CliError(`--preset: no preset named "${options.preset}" (presets: ${names})`, EXIT.invalid);
    }
    const { name: _name, ...rest } = preset;
    base = rest;
  }
  const format = oneOf('--format', options.format, EXPORT_FORMATS);
  const contactSheet = oneOf('--contact-sheet', options.contactSheet, EXPORT_SHEETS);
  const maxSide = parseInteger('--max-side', options.maxSide, 16, 16_384);
  const quality = parseInteger('--quality', options.quality, 1, 100);
  return {
    ...base,
    ...(options.name !== undefined ? { nameTemplate: options.name } : {}),
    ...(format ? { format } : {}),
    ...(contactSheet ? { contactSheet } : {}),
    ...(maxSide !== undefined ? { maxSide } : {}),
    ...(quality !== undefined ? { quality } : {}),
  };
}

export function exportCommand(version: string): Command {
  return new Command('export')
    .description('Export images with their records (and a manifest.json) to a folder')
    .version(version)
    .argument('<dir>', 'the folder to export to (made if missing)')
    .option('--project <name>', 'every image of this project')
    .option('--unsorted', 'every image in no project')
    .option('--id <id...>', 'these images (ids as `history --json` prints them)')
    .option(
      '--name <template>',
      'file names, e.g. "{date}-{prompt:40}-{seed}" (tokens: date time prompt:N seed model id project rating)',
    )
    .option('--format <format>', `convert copies: ${EXPORT_FORMATS.join(', ')}`)
    .option('--max-side <px>', 'longest side of converted copies (never enlarged)')
    .option('--quality <1-100>', 'JPEG/WebP quality (default 90)')
    .option('--contact-sheet <kind>', 'add a contact sheet: png or pdf')
    .option('--preset <name>', 'a preset saved in the app (other options override it)')
    .option('--json', 'print the outcome as JSON')
    .action(async (directory: string, options: ExportCliOptions) => {
      const chosen = [options.project !== undefined, options.unsorted === true, options.id !== undefined];
      if (chosen.filter(Boolean).length !== 1)
        throw new CliError('Choose what to export: one of --project, --unsorted or --id', EXIT.invalid);
      await withSession(async (session) => {
        let selection: { ids: string[] } | { projectId: string | null };
        if (options.id) selection = { ids: options.id };
        else if (options.unsorted) selection = { projectId: null };
        else {
          const projectId = await findProjectId(session, options.project!);
          if (projectId === null) throw new CliError(`--project: no project named "${options.project}"`, EXIT.invalid);
          selection = { projectId };
        }
        const result = await session.call('library:export', {
          ...selection,
          destination: path.resolve(directory),
          options: await exportOptions(session, options),
        });
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else process.stdout.write(`${result.message}\n`);
        process.exitCode = result.failed > 0 ? EXIT.other : EXIT.ok;
      });
    });
}
