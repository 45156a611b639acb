/**
 * The answer core in a worker thread, behind the same `Answerer` interface: what `npm start` uses.
 * Answering a question costs milliseconds of CPU (features for every sentence, the scorer); on the
 * main thread that time would delay every Slack and Discord ack queued behind it. The worker takes
 * it, and on a machine with two cores runs beside the main thread.
 *
 * The quick, synchronous calls (the document, a passage by id, help) are served in the main
 * thread by a light copy of the core (no vectors, no encoder). A worker that dies is replaced on
 * the next call; the calls in flight when it died are rejected (the layer turns that into an
 * apology), never left hanging.
 */
import { Worker } from 'node:worker_threads';
import type { Answer, Answerer, AskOptions, Summary, SummaryOptions } from '../types.ts';
import { createAnswerer } from './answerer.ts';

/** Options for `createThreadedAnswerer`. */
export interface ThreadedAnswererOptions {
  /** Folder of `.md` articles; default `corpus`. */
  corpusDir?: string;
}

type Method = 'ask' | 'summarize' | 'summarizeText';
interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/** The threaded core: an `Answerer`, plus a way to stop its thread (the next call starts a new one). */
export interface ThreadedAnswerer extends Answerer {
  /** Ends the worker thread; calls in flight are rejected. */
  close(): Promise<void>;
}

export function createThreadedAnswerer(options: ThreadedAnswererOptions = {}): ThreadedAnswerer {
  const corpusDir = options.corpusDir ?? 'corpus';
  const local = createAnswerer({ corpusDir, vectors: false, encoder: false, spelling: false });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  const exited = new WeakSet<Worker>();
  let ready: Promise<void> = Promise.resolve();

  function start(): void {
    const w = new Worker(new URL('./answerer-thread.mjs', import.meta.url), { workerData: { corpusDir }, execArgv: [] });
    worker = w;
    ready = new Promise<void>((resolve, reject) => {
      w.on('message', (m: { ready?: boolean; error?: string; id?: number; value?: unknown }) => {
        if (m.ready !== undefined) {
          if (m.ready) resolve();
          else reject(new Error(m.error ?? 'the answer core failed to load'));
          return;
        }
        const p = pending.get(m.id!);
        if (!p) return;
        pending.delete(m.id!);
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.value);
      });
      w.on('error', reject);
      w.on('exit', (code) => {
        exited.add(w);
        if (worker === w) worker = undefined;
        reject(new Error(`the answer core's thread exited (code ${code}) before it was ready`));
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(new Error(`the answer core's thread exited (code ${code})`));
        }
      });
    });
    // The thread keeps the process alive only while it loads or a call is under way.
    ready.then(idle, idle);
  }

  /** Calls started and not yet settled (waiting for the thread to load, or answered by it). */
  let busy = 0;
  function idle(): void {
    if (busy === 0) worker?.unref();
  }
  start();
  const firstReady = ready;

  async function call<T>(method: Method, args: unknown[]): Promise<T> {
    if (!worker) start();
    const w = worker!;
    busy += 1;
    w.ref();
    try {
      await ready;
      // The thread may have gone while this call waited for it: say so rather than wait forever.
      if (exited.has(w)) throw new Error("the answer core's thread exited");
      const id = nextId++;
      return await new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        w.postMessage({ id, method, args });
      });
    } finally {
      busy -= 1;
      idle();
    }
  }

  return {
    document: local.document,
    ready: firstReady,
    ask: (question: string, askOptions?: AskOptions) => call<Answer>('ask', [question, askOptions]),
    summarize: (summaryOptions?: SummaryOptions) => call<Summary>('summarize', [summaryOptions]),
    summarizeText: (args: string) => call<Summary>('summarizeText', [args]),
    passage: (id) => local.passage(id),
    passages: () => local.passages(),
    help: () => local.help(),
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
