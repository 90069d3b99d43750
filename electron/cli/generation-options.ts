/**
 * Turns `seedbank generate` options into a GenerationRequest. Sizes: `--width/--height`, or
 * `--aspect` through the model's own rule, or 1024×1024 when there is no reference image (with
 * one, the model's default applies — FLUX.2 follows the input's size).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MODEL, getModel, sizeForAspect } from '../../shared/models';
import type { GenerationRequest } from '../../shared/types';
import { CliError, EXIT } from './exit-codes';
import type { CliSession } from './session';

export interface GenerateOptions {
  prompt?: string;
  promptFile?: string;
  model?: string;
  seed?: string;
  width?: string;
  height?: string;
  aspect?: string;
  input: string[];
  format?: string;
  safety?: string;
  param: string[];
  project?: string;
  count?: string;
  maxCost?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const invalid = (message: string) => new CliError(message, EXIT.invalid);

export function parseInteger(
  name: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw invalid(`${name}: "${text}" is not a whole number`);
  const value = Number(text);
  if (value < min || value > max) throw invalid(`${name}: must be between ${min} and ${max}`);
  return value;
}

/** `--param KEY=VALUE`: numbers and booleans are parsed; everything else stays text. */
export function parseParam(entry: string): [string, unknown] {
  const eq = entry.indexOf('=');
  if (eq <= 0) throw invalid(`--param: "${entry}" should look like KEY=VALUE`);
  const key = entry.slice(0, eq).trim();
  const raw = entry.slice(eq + 1).trim();
  if (raw === 'true' || raw === 'false') return [key, raw === 'true'];
  if (raw !== '' && Number.isFinite(Number(raw))) return [key, Number(raw)];
  return [key, raw];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function readPrompt(options: GenerateOptions): Promise<string> {
  if (options.prompt !== undefined && options.promptFile !== undefined)
    throw invalid('Give either --prompt or --prompt-file, not both');
  if (options.prompt !== undefined) return options.prompt;
  if (options.promptFile === undefined)
    throw invalid('A prompt is needed: --prompt TEXT or --prompt-file FILE (- for stdin)');
  try {
    const text = options.promptFile === '-' ? await readStdin() : await fs.readFile(options.promptFile, 'utf8');
    return text.replace(/\r?\n$/, '');
  } catch (err) {
    throw invalid(
      `--prompt-file: cannot read ${options.promptFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

async function addInputs(session: CliSession, files: readonly string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      throw invalid(`--input: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const input = await session.call('inputs:add', { name: path.basename(file), dataBase64: bytes.toString('base64') });
    hashes.push(input.hash);
  }
  return hashes;
}

function sizeParams(options: GenerateOptions, model: string, hasInputs: boolean): Record<string, unknown> {
  const width = parseInteger('--width', options.width, 0);
  const height = parseInteger('--height', options.height, 0);
  if ((width === undefined) !== (height === undefined)) throw invalid('Give --width and --height together');
  if (width !== undefined && options.aspect) throw invalid('Give either --width/--height or --aspect, not both');
  if (width !== undefined) return { width, height };
  if (options.aspect) return sizeForAspect(model, options.aspect);
  const spec = getModel(model);
  if (hasInputs || !spec) return {};
  if (spec.size.kind === 'wh') return { width: 1024, height: 1024 };
  if (spec.size.kind === 'aspect') return sizeForAspect(model, '1:1');
  return {};
}

export async function buildRequest(session: CliSession, options: GenerateOptions): Promise<GenerationRequest> {
  const prompt = await readPrompt(options);
  const model = options.model ?? DEFAULT_MODEL;
  if (!getModel(model)) throw invalid(`--model: unknown model "${model}"`);
  const params: Record<string, unknown> = {};
  for (const entry of options.param) {
    const [key, value] = parseParam(entry);
    params[key] = value;
  }
  const seed = parseInteger('--seed', options.seed, 0);
  if (seed !== undefined) params.seed = seed;
  if (options.format !== undefined) params.output_format = options.format;
  const safety = parseInteger('--safety', options.safety, 0);
  if (safety !== undefined) params.safety_tolerance = safety;
  Object.assign(params, sizeParams(options, model, options.input.length > 0));
  const inputs = await addInputs(session, options.input);
  return { model, prompt, params, inputs };
}
