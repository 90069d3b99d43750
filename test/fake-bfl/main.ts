/**
 * Runs the emulator by hand or for another process's tests:
 *   npm run build:node && node out/fake-bfl/main.mjs [--task-ms 4000] [--port 8787] [--key KEY]
 *     [--draw-seed 1 --draw flux-2-klein-4b:4000:8000]  (seeded log-normal durations per model)
 * Prints the API base on the first line of stdout, then a JSON line with all three bases.
 */
import { parseArgs } from 'node:util';
import { parseDrawSpec } from './durations';
import { DEFAULT_FAKE_KEY, startFakeBfl } from './server';

const { values } = parseArgs({
  options: {
    'task-ms': { type: 'string' },
    port: { type: 'string' },
    key: { type: 'string', multiple: true },
    credits: { type: 'string' },
    'draw-seed': { type: 'string' },
    draw: { type: 'string', multiple: true },
  },
});

const fake = await startFakeBfl({
  ...(values['task-ms'] ? { taskMs: Number(values['task-ms']) } : {}),
  ...(values.port ? { ports: { api: Number(values.port) } } : {}),
  ...(values.credits ? { credits: Number(values.credits) } : {}),
  ...(values.draw?.length
    ? {
        durationDraws: {
          seed: Number(values['draw-seed'] ?? 1),
          models: Object.fromEntries(values.draw.map(parseDrawSpec)),
        },
      }
    : {}),
  keys: values.key?.length ? values.key : [DEFAULT_FAKE_KEY],
});

process.stdout.write(`${fake.apiBase}\n`);
process.stdout.write(
  `${JSON.stringify({ apiBase: fake.apiBase, pollingBase: fake.pollingBase, deliveryBase: fake.deliveryBase, keys: [...fake.keys] })}\n`,
);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
