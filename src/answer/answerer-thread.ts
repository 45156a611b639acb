/**
 * The worker side of `createThreadedAnswerer`: builds the answer core in a worker thread and
 * answers `ask`, `summarize` and `summarizeText` messages, so the CPU an answer takes never holds
 * up the main thread, where Slack and Discord acks are written.
 *
 * Messages in: { id, method, args }; out: { id, value } or { id, error }, and once { ready } or
 * { ready: false, error } when the core has loaded (or failed to).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnswerer } from './answerer.ts';

type Method = 'ask' | 'summarize' | 'summarizeText';

const port = parentPort!;
const answerer = createAnswerer({ corpusDir: (workerData as { corpusDir: string }).corpusDir });
answerer.ready.then(
  () => port.postMessage({ ready: true }),
  (err: unknown) => port.postMessage({ ready: false, error: err instanceof Error ? err.message : String(err) }),
);

port.on('message', async ({ id, method, args }: { id: number; method: Method; args: unknown[] }) => {
  try {
    const call = answerer[method] as (...a: unknown[]) => Promise<unknown>;
    port.postMessage({ id, value: await call.apply(answerer, args) });
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
