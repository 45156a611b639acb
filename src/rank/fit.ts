/**
 * Fitting the scorer's two linear models: a short, documented fit with no library.
 *
 * Both are fitted by full-batch gradient descent with Adam (lr 0.05, 600 steps) on standardised
 * features with an L2 penalty; the weights are mapped back to raw feature units, so the query
 * path is one dot product. The data are small (hundreds of questions, tens of thousands of
 * candidates): a fit takes well under a second, so leave-one-article-out refits are cheap.
 *
 * - `fitListwise`: a softmax over each question's candidates; the loss is minus the log of the
 *   probability mass on the positive candidates (any of them answers). This trains what is
 *   measured: the top candidate should be a positive one.
 * - `fitLogistic`: plain logistic regression, for the abstainer.
 */
import type { LinearModel } from './model.ts';

export interface FitOptions {
  /** L2 penalty on standardised weights. */
  l2?: number;
  steps?: number;
  learningRate?: number;
}

export const FIT_DEFAULTS: Required<FitOptions> = { l2: 0.01, steps: 600, learningRate: 0.05 };

/** One question's candidates for the ranker: feature rows and which rows are positive. */
export interface RankGroup {
  x: number[][];
  positive: boolean[];
  /** How much this question counts (default 1): training weighs each article equally. */
  weight?: number;
}

interface Scale {
  mean: Float64Array;
  sd: Float64Array;
}

function scaleOf(rows: number[][], dims: number): Scale {
  const mean = new Float64Array(dims);
  const sd = new Float64Array(dims);
  for (const r of rows) for (let j = 0; j < dims; j++) mean[j] = mean[j]! + r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < dims; j++) sd[j] = sd[j]! + (r[j]! - mean[j]!) ** 2 / rows.length;
  for (let j = 0; j < dims; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  return { mean, sd };
}

/** Adam on a loss given as (weights) -> [loss, gradient]. */
function adam(dims: number, lossAndGrad: (w: Float64Array) => Float64Array, o: Required<FitOptions>): Float64Array {
  const w = new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= o.steps; t++) {
    const g = lossAndGrad(w);
    for (let j = 0; j < dims; j++) {
      m[j] = b1 * m[j]! + (1 - b1) * g[j]!;
      v[j] = b2 * v[j]! + (1 - b2) * g[j]! ** 2;
      w[j] = w[j]! - (o.learningRate * (m[j]! / (1 - b1 ** t))) / (Math.sqrt(v[j]! / (1 - b2 ** t)) + eps);
    }
  }
  return w;
}

/** Maps standardised weights (last one the bias) back to raw feature units. */
function unscale(w: Float64Array, s: Scale, names: readonly string[]): LinearModel {
  const weights: Record<string, number> = {};
  let bias = w[names.length] ?? 0;
  names.forEach((n, j) => {
    const raw = w[j]! / s.sd[j]!;
    weights[n] = Number(raw.toFixed(5));
    bias -= raw * s.mean[j]!;
  });
  return { weights, bias: Number(bias.toFixed(5)) };
}

export function fitListwise(groups: readonly RankGroup[], names: readonly string[], options: FitOptions = {}): LinearModel {
  const o = { ...FIT_DEFAULTS, ...options };
  const d = names.length;
  const usable = groups.filter((g) => g.positive.some(Boolean) && g.x.length > 1);
  const s = scaleOf(usable.flatMap((g) => g.x), d);
  // Each group's standardised rows in one flat array: the loop below runs some 10^9 times.
  const z = usable.map((g) => {
    const flat = new Float64Array(g.x.length * d);
    g.x.forEach((r, i) => {
      for (let j = 0; j < d; j++) flat[i * d + j] = (r[j]! - s.mean[j]!) / s.sd[j]!;
    });
    return flat;
  });
  const total = usable.reduce((a, g) => a + (g.weight ?? 1), 0);
  const w = adam(d, (w) => {
    const grad = new Float64Array(d);
    for (let gi = 0; gi < usable.length; gi++) {
      const g = usable[gi]!;
      const rows = z[gi]!;
      const n = g.x.length;
      const e = new Float64Array(n);
      let top = -Infinity;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < d; j++) acc += rows[i * d + j]! * w[j]!;
        e[i] = acc;
        if (acc > top) top = acc;
      }
      let all = 0;
      let pos = 0;
      for (let i = 0; i < n; i++) {
        e[i] = Math.exp(e[i]! - top);
        all += e[i]!;
        if (g.positive[i]) pos += e[i]!;
      }
      // d(-log(pos/all))/dw = E_all[x] - E_pos[x], each group weighted.
      const k = (g.weight ?? 1) / total;
      for (let i = 0; i < n; i++) {
        const c = k * (e[i]! / all - (g.positive[i] ? e[i]! / pos : 0));
        if (c === 0) continue;
        for (let j = 0; j < d; j++) grad[j] = grad[j]! + c * rows[i * d + j]!;
      }
    }
    for (let j = 0; j < d; j++) grad[j] = grad[j]! + o.l2 * w[j]!;
    return grad;
  }, o);
  // The softmax is blind to a constant: the ranker's bias is 0 in standardised units.
  return unscale(Float64Array.from([...w, 0]), s, names);
}

export function fitLogistic(x: readonly number[][], y: readonly number[], names: readonly string[], options: FitOptions = {}, weights?: readonly number[]): LinearModel {
  const o = { ...FIT_DEFAULTS, ...options };
  const d = names.length;
  const s = scaleOf([...x], d);
  const z = x.map((r) => [...r.map((v, j) => (v - s.mean[j]!) / s.sd[j]!), 1]);
  const w = adam(d + 1, (w) => {
    const grad = new Float64Array(d + 1);
    z.forEach((r, i) => {
      const p = 1 / (1 + Math.exp(-r.reduce((acc, v, j) => acc + v * w[j]!, 0)));
      for (let j = 0; j <= d; j++) grad[j] = grad[j]! + (((p - y[i]!) * r[j]!) / z.length) * (weights?.[i] ?? 1);
    });
    for (let j = 0; j < d; j++) grad[j] = grad[j]! + o.l2 * w[j]!;
    return grad;
  }, o);
  return unscale(w, s, names);
}
