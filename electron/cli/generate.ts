/**
 * `seedbank generate`: validate, estimate, refuse over `--max-cost`, queue N jobs, wait for every
 * one and report each as it finishes. `--dry-run` stops after the estimate: nothing is sent.
 * What needs a person's yes (the core's CONFIRM_REQUIRED: over the threshold in Settings, an
 * unknown cost) is refused with exit 4 unless `--yes` gives it.
 */
import { Command, Option } from 'commander';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import { buildRequest, parseInteger, type GenerateOptions } from './generation-options';
import { ensureProjectId } from './projects';
import { reportJobs } from './report';
import { withSession } from './session';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseCost(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new CliError(`--max-cost: "${text}" is not a number of credits`, EXIT.invalid);
  return value;
}

/** `--max-cost` is a promise about money: an estimate nobody knows cannot keep it. */
export function overMaxCost(credits: number | null, maxCost: number | undefined): boolean {
  return maxCost !== undefined && (credits === null || credits > maxCost);
}

export async function runGenerate(options: GenerateOptions): Promise<ExitCode> {
  const count = parseInteger('--count', options.count, 1, 100) ?? 1;
  const maxCost = parseCost(options.maxCost);
  const json = options.json === true;
  return withSession(async (session) => {
    const request = await buildRequest(session, options);
    const { credits } = await session.call('jobs:estimate', { request, count });
    const estimate = credits === null ? 'unknown' : `${credits} credits`;
    if (overMaxCost(credits, maxCost)) {
      const over = credits === null ? 'is not known in advance, so it may be over' : 'is over';
      throw new CliError(
        `Estimated ${estimate} for ${count} image(s) ${over} --max-cost ${maxCost}; nothing was sent.`,
        EXIT.credits,
      );
    }
    if (options.dryRun) {
      if (json)
        process.stdout.write(
          `${JSON.stringify({ dryRun: true, model: request.model, count, estimatedCredits: credits, request })}\n`,
        );
      else
        process.stdout.write(
          `Valid. ${count} image(s) with ${request.model}: estimated ${estimate}. Nothing was sent (--dry-run).\n`,
        );
      return EXIT.ok;
    }
    const projectId = options.project ? await ensureProjectId(session, options.project) : null;
    const seedMode = request.params.seed === undefined ? 'random' : 'increment';
    const { jobs } = await session
      .call('jobs:submit', {
        request,
        count,
        seedMode: count > 1 ? seedMode : 'increment',
        projectId,
        confirmed: options.yes === true,
      })
      .catch((err: unknown) => {
        // Exit 4 from a submit is CONFIRM_REQUIRED (charges happen later, in the jobs): say how to give the yes.
        if (err instanceof CliError && err.exitCode === EXIT.credits && !options.yes)
          throw new CliError(`${err.message} Nothing was sent; run again with --yes to send.`, err.exitCode);
        throw err;
      });
    process.stderr.write(`Queued ${jobs.length} job(s) with ${request.model} (estimated ${estimate}).\n`);
    return reportJobs(
      session,
      jobs.map((j) => j.id),
      { json },
    );
  });
}

export function generateCommand(version: string): Command {
  return new Command('generate')
    .description('Generate images with a FLUX model and keep them in the library')
    .version(version)
    .option('--prompt <text>', 'the prompt')
    .option('--prompt-file <file>', 'read the prompt from a file (- for stdin)')
    .option('--model <id>', 'model id (default flux-2-pro)')
    .option('--seed <n>', 'seed; with --count N the batch uses seed, seed+1, …')
    .option('--width <w>', 'output width in pixels')
    .option('--height <h>', 'output height in pixels')
    .option('--aspect <W:H>', 'aspect ratio, sized to about 1 MP for the model')
    .option('--input <file>', 'reference image (repeatable, in slot order)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['jpeg', 'png', 'webp']))
    .option('--safety <n>', 'safety_tolerance')
    .option('--param <key=value>', 'any other model field (repeatable)', collect, [])
    .option('--project <name>', 'put the images in this project (created when missing)')
    .option('--count <n>', 'how many images (1–100)')
    .option('--max-cost <credits>', 'refuse when the estimate is over this many credits (or unknown)')
    .option('--yes', 'send what needs confirmation (over the cost threshold in Settings, unknown cost)')
    .option('--dry-run', 'validate and print the estimate; send nothing')
    .option('--json', 'print one JSON object per job on stdout')
    .action(async (options: GenerateOptions) => {
      process.exitCode = await runGenerate(options);
    });
}
