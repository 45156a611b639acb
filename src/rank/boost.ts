/**
 * Gradient-boosted regression trees for the answer ranker, fitted with the listwise softmax loss.
 *
 * Why: the linear ranker scores a candidate as w · x, so each signal counts the same whatever the
 * others say. Some signals only matter together — a sentence with the right shape of fact (a
 * date, a number, a name) is strong evidence for a "when" or "how many" question and almost none
 * for a "why" question. A sum of small trees represents such interactions (a split on the
 * question type, then on the shape match) while still being a plain, versioned JSON artefact
 * that scores a candidate with a few comparisons per tree.
 *
 * What: the same loss as `fitListwise` in ./fit.ts — per question, minus the log of the softmax
 * probability mass on the positive candidates — minimised by Newton boosting (as in XGBoost):
 *
 * - each round, per candidate i of a group: g_i = p_i - (positive_i ? p_i / P_pos : 0) and
 *   h_i = max(p_i (1 - p_i), 1e-6), both times the group's weight;
 * - one regression tree is grown greedily on (g, h): split gain
 *   G_L²/(H_L+λ) + G_R²/(H_R+λ) - G²/(H+λ), leaf value -G/(H+λ); a split needs a positive gain
 *   and at least `minChildWeight` of hessian on each side;
 * - the scores move by `learningRate` × tree.
 *
 * Group weights are rescaled to average 1 over the usable groups (weight × groups / total weight,
 * rather than weight / total weight). The minimiser is the same, but the hessian of one
 * question then sums to about 1, so `lambda` and `minChildWeight` read as "about one question's
 * worth" whatever the weights' scale; divided by the total instead, the whole data set's hessian
 * would sum to at most 1 and `minChildWeight: 1` would forbid every split.
 *
 * Speed: features are binned once (up to `bins` quantile thresholds per feature, rounded to 5
 * significant digits so the stored thresholds bin exactly as in training), the bin indices are
 * kept in flat typed arrays (row-major and column-major), and splits are found from per-node
 * gradient/hessian histograms, the larger child's histogram being the parent's minus the smaller
 * child's. On ~1,000 groups × ~80 candidates × ~40 features, 200 rounds of depth 3 take about
 * 6 s on one core.
 *
 * Deterministic: no randomness except group subsampling, which uses a fixed-seed PRNG; the same
 * groups, names and options give the same model, byte for byte once serialised.
 */
import type { RankGroup } from './fit.ts';

/** Options for {@link fitBoosted}; every field is optional, see {@link BOOST_DEFAULTS}. */
export interface BoostOptions {
  /** Boosting rounds, i.e. trees (default 200). Fewer trees come back if no split helps any more. */
  rounds?: number;
  /** Shrinkage applied to every tree (default 0.1). */
  learningRate?: number;
  /** Maximum tree depth: a tree has at most 2^maxDepth leaves (default 3). */
  maxDepth?: number;
  /** Minimum hessian sum in a leaf (default 1, about one question's worth). */
  minChildWeight?: number;
  /** L2 penalty on leaf values (default 1). */
  lambda?: number;
  /** Candidate thresholds per feature: quantiles of the training values (default 32). */
  bins?: number;
  /** Fraction of groups used per round (default 1); below 1 the groups are drawn by a fixed-seed PRNG. */
  subsample?: number;
}

/** The defaults of {@link BoostOptions}. */
export const BOOST_DEFAULTS: Required<BoostOptions> = {
  rounds: 200,
  learningRate: 0.1,
  maxDepth: 3,
  minChildWeight: 1,
  lambda: 1,
  bins: 32,
  subsample: 1,
};

/**
 * A tree node. Internal: feature index `f` and threshold `t`, go to `l` when x[f] <= t, else to
 * `r` (a NaN goes right). Leaf: value `v` (before the learning rate).
 */
export interface TreeNode {
  f?: number;
  t?: number;
  l?: TreeNode;
  r?: TreeNode;
  v?: number;
}

/** A fitted boosted ranker: plain JSON. `features` names the columns of x, in order. */
export interface BoostedModel {
  kind: 'boosted';
  features: string[];
  learningRate: number;
  trees: TreeNode[];
}

/** Seed of the subsampling PRNG: fixed, so fits are reproducible. */
const SUBSAMPLE_SEED = 0x5eed_b005;
const MIN_HESSIAN = 1e-6;
/** A split must improve the objective by more than this (guards against rounding noise). */
const MIN_GAIN = 1e-12;

/** Rounds to 5 significant digits (the model's stored precision). */
const round5 = (x: number): number => (Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(5)) : x === 0 ? 0 : x);

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkOptions(o: Required<BoostOptions>): void {
  const bad = (name: string, why: string): never => {
    throw new RangeError(`fitBoosted: ${name} ${why}`);
  };
  if (!Number.isInteger(o.rounds) || o.rounds < 0) bad('rounds', 'must be a non-negative integer');
  if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) bad('learningRate', 'must be a positive number');
  if (!Number.isInteger(o.maxDepth) || o.maxDepth < 0) bad('maxDepth', 'must be a non-negative integer');
  if (!(o.minChildWeight >= 0)) bad('minChildWeight', 'must be >= 0');
  if (!(o.lambda >= 0) || !Number.isFinite(o.lambda)) bad('lambda', 'must be a finite number >= 0');
  if (!Number.isInteger(o.bins) || o.bins < 1 || o.bins > 65_534) bad('bins', 'must be an integer in [1, 65534]');
  if (!(o.subsample > 0 && o.subsample <= 1)) bad('subsample', 'must be in (0, 1]');
}

/**
 * Split thresholds of one feature: every distinct value but the largest when there are at most
 * `bins` of them (exact for binary and small-integer features), else `bins` quantiles; rounded to
 * 5 significant digits, distinct, ascending, all below the largest value (a threshold there
 * would send everything left).
 */
function thresholdsOf(values: Float64Array, bins: number): number[] {
  let m = 0;
  const v = new Float64Array(values.length);
  for (const x of values) if (Number.isFinite(x)) v[m++] = x;
  if (m === 0) return [];
  const sorted = v.subarray(0, m).sort();
  const max = sorted[m - 1]!;
  const distinct: number[] = [];
  for (let i = 0; i < m && distinct.length <= bins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const raw = distinct.length <= bins ? distinct : Array.from({ length: bins }, (_, k) => sorted[Math.floor(((k + 1) * m) / (bins + 1))]!);
  const out: number[] = [];
  for (const t of raw.map(round5)) if (t < max && (out.length === 0 || t > out[out.length - 1]!)) out.push(t);
  return out;
}

/** Index of the first threshold >= x (x <= t goes left), thresholds.length if none (or NaN). */
function binOf(x: number, thresholds: readonly number[]): number {
  let lo = 0;
  let hi = thresholds.length;
  if (Number.isNaN(x)) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= thresholds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A tree while it is grown: splits on global bin indices, so training rows are routed without floats. */
type Grown = { leaf: true; v: number } | { leaf: false; f: number; b: number; l: Grown; r: Grown };

interface Split {
  gain: number;
  f: number;
  /** Global bin index (see `offset` in fitBoosted): rows at or below it go left. */
  b: number;
  gl: number;
  hl: number;
}

/**
 * Fits a boosted-tree ranker to groups of candidates (one group per question) by minimising the
 * weighted listwise softmax loss. Groups with no positive candidate, fewer than two candidates or
 * a weight of 0 or less carry no signal and are left out (they affect nothing, thresholds
 * included). Every row must have `names.length` features.
 *
 * @param groups the training questions: candidate rows, which are positive, optional weight
 * @param names the feature names, in column order (stored in the model)
 * @param options see {@link BoostOptions}; unset fields take {@link BOOST_DEFAULTS}
 * @returns a JSON-serialisable model for {@link predictBoosted}
 */
export function fitBoosted(groups: readonly RankGroup[], names: readonly string[], options: BoostOptions = {}): BoostedModel {
  const o: Required<BoostOptions> = { ...BOOST_DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as Record<string, number>)[k] = v as number;
  checkOptions(o);
  const d = names.length;
  const model: BoostedModel = { kind: 'boosted', features: [...names], learningRate: o.learningRate, trees: [] };

  const usable = groups.filter((g) => (g.weight ?? 1) > 0 && g.x.length > 1 && g.positive.some(Boolean));
  for (const g of usable) {
    if (g.positive.length !== g.x.length) throw new RangeError(`fitBoosted: a group has ${g.x.length} rows but ${g.positive.length} labels`);
    for (const r of g.x) if (r.length !== d) throw new RangeError(`fitBoosted: a row has ${r.length} features, expected ${d} (names.length)`);
  }
  if (usable.length === 0 || o.rounds === 0) return model;

  // Flat layout: group k owns rows start[k] .. start[k+1]-1.
  const nGroups = usable.length;
  const start = new Uint32Array(nGroups + 1);
  for (let k = 0; k < nGroups; k++) start[k + 1] = start[k]! + usable[k]!.x.length;
  const n = start[nGroups]!;
  const positive = new Uint8Array(n);
  // Weights rescaled to mean 1 over the usable groups (see the module comment).
  const totalWeight = usable.reduce((a, g) => a + (g.weight ?? 1), 0);
  const groupWeight = Float64Array.from(usable, (g) => ((g.weight ?? 1) * nGroups) / totalWeight);

  // Bin every feature once.
  const thresholds: number[][] = [];
  const column = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    let i = 0;
    for (const g of usable) for (const r of g.x) column[i++] = r[f]!;
    thresholds.push(thresholdsOf(column, o.bins));
  }
  // Feature f's bins are numbered offset[f] .. offset[f+1]-1 across all features: a row's entry
  // for f is directly its histogram slot (a (g, h) pair), and a split on f at local bin b keeps
  // entries <= offset[f] + b on the left.
  const offset = new Uint32Array(d + 1);
  for (let f = 0; f < d; f++) offset[f + 1] = offset[f]! + thresholds[f]!.length + 1;
  // Two copies: row-major for histograms and routing, column-major for partitioning a node's rows.
  const wide = offset[d]! > 65_536;
  const binned = wide ? new Uint32Array(n * d) : new Uint16Array(n * d);
  const byFeature = wide ? new Uint32Array(n * d) : new Uint16Array(n * d);
  {
    let i = 0;
    for (const g of usable) {
      g.positive.forEach((p, j) => (positive[i + j] = p ? 1 : 0));
      for (const r of g.x) {
        for (let f = 0; f < d; f++) {
          const b = offset[f]! + binOf(r[f]!, thresholds[f]!);
          binned[i * d + f] = b;
          byFeature[f * n + i] = b;
        }
        i++;
      }
    }
  }
  const histSize = 2 * offset[d]!;

  const score = new Float64Array(n);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rows = new Uint32Array(n); // the rows of this round's sample, partitioned node by node
  const scratch = new Uint32Array(n);
  const order = Uint32Array.from({ length: nGroups }, (_, k) => k);
  const rng = mulberry32(SUBSAMPLE_SEED);
  const sampleSize = Math.max(1, Math.round(o.subsample * nGroups));
  const { lambda, minChildWeight, maxDepth, learningRate } = o;

  const buildHist = (from: number, to: number): Float64Array => {
    const hist = new Float64Array(histSize);
    for (let k = from; k < to; k++) {
      const r = rows[k]!;
      const gr = grad[r]!;
      const hr = hess[r]!;
      const base = r * d;
      for (let f = 0; f < d; f++) {
        const at = 2 * binned[base + f]!;
        hist[at] = hist[at]! + gr;
        hist[at + 1] = hist[at + 1]! + hr;
      }
    }
    return hist;
  };

  const bestSplit = (hist: Float64Array, G: number, H: number): Split | undefined => {
    const parent = (G * G) / (H + lambda);
    let best: Split | undefined;
    for (let f = 0; f < d; f++) {
      let gl = 0;
      let hl = 0;
      const first = offset[f]!;
      const last = offset[f + 1]! - 1; // splitting after the last bin sends everything left
      for (let b = first; b < last; b++) {
        gl += hist[2 * b]!;
        hl += hist[2 * b + 1]!;
        if (hl < minChildWeight) continue;
        const hr = H - hl;
        if (hr < minChildWeight) break;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
        if (gain > MIN_GAIN && (best === undefined || gain > best.gain)) best = { gain, f, b, gl, hl };
      }
    }
    return best;
  };

  const leaf = (G: number, H: number): Grown => ({ leaf: true, v: round5(-G / (H + lambda)) });

  /** Grows the subtree over rows[from..to); hist is that range's histogram (undefined at max depth). */
  const grow = (from: number, to: number, depth: number, G: number, H: number, hist: Float64Array | undefined): Grown => {
    if (hist === undefined || H < 2 * minChildWeight) return leaf(G, H);
    const s = bestSplit(hist, G, H);
    if (s === undefined) return leaf(G, H);
    // Stable partition: left rows first, order kept (so sums run in the same order every fit).
    let nl = 0;
    let nr = 0;
    const column = s.f * n;
    const b = s.b;
    for (let k = from; k < to; k++) {
      const r = rows[k]!;
      if (byFeature[column + r]! <= b) rows[from + nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), from + nl);
    const mid = from + nl;
    let hl: Float64Array | undefined;
    let hr: Float64Array | undefined;
    if (depth + 1 < maxDepth) {
      const leftSmaller = nl <= nr;
      const small = leftSmaller ? buildHist(from, mid) : buildHist(mid, to);
      const large = hist; // reuse the parent's buffer: parent - small
      for (let i = 0; i < histSize; i++) large[i] = large[i]! - small[i]!;
      [hl, hr] = leftSmaller ? [small, large] : [large, small];
    }
    const l = grow(from, mid, depth + 1, s.gl, s.hl, hl);
    const r = grow(mid, to, depth + 1, G - s.gl, H - s.hl, hr);
    return { leaf: false, f: s.f, b: s.b, l, r };
  };

  const valueAt = (t: Grown, base: number): number => {
    while (!t.leaf) t = binned[base + t.f]! <= t.b ? t.l : t.r;
    return t.v;
  };

  const toNode = (t: Grown): TreeNode => (t.leaf ? { v: t.v } : { f: t.f, t: thresholds[t.f]![t.b - offset[t.f]!]!, l: toNode(t.l), r: toNode(t.r) });

  for (let round = 0; round < o.rounds; round++) {
    // This round's groups: all, or a partial Fisher–Yates draw kept in ascending order.
    let sample: Uint32Array = order;
    if (sampleSize < nGroups) {
      for (let k = 0; k < sampleSize; k++) {
        const j = k + Math.floor(rng() * (nGroups - k));
        const tmp = order[k]!;
        order[k] = order[j]!;
        order[j] = tmp;
      }
      sample = order.slice(0, sampleSize).sort();
    }
    // Gradients and hessians of the listwise softmax loss, for the sampled groups' rows.
    let count = 0;
    let G = 0;
    let H = 0;
    for (const k of sample) {
      const a = start[k]!;
      const b = start[k + 1]!;
      let top = -Infinity;
      for (let i = a; i < b; i++) if (score[i]! > top) top = score[i]!;
      let all = 0;
      let pos = 0;
      for (let i = a; i < b; i++) {
        const e = Math.exp(score[i]! - top);
        grad[i] = e;
        all += e;
        if (positive[i]) pos += e;
      }
      const w = groupWeight[k]!;
      for (let i = a; i < b; i++) {
        const p = grad[i]! / all;
        const gi = w * (p - (positive[i] ? grad[i]! / pos : 0));
        const hi = Math.max(w * p * (1 - p), MIN_HESSIAN);
        grad[i] = gi;
        hess[i] = hi;
        G += gi;
        H += hi;
        rows[count++] = i;
      }
    }
    const tree = grow(0, count, 0, G, H, maxDepth > 0 ? buildHist(0, count) : undefined);
    // Without subsampling the gradients only change through the trees: once no split helps, none will.
    if (tree.leaf && sampleSize === nGroups) break;
    model.trees.push(toNode(tree));
    // Same arithmetic as predictBoosted, so training scores are the model's scores.
    for (let i = 0; i < n; i++) score[i] = score[i]! + learningRate * valueAt(tree, i * d);
  }
  return model;
}

/**
 * The boosted ranker's score of one candidate: the sum over trees of learningRate × leaf value.
 * Only differences between candidates of one question mean anything (the softmax ignores a
 * constant). `x` is in the order of `model.features`.
 */
export function predictBoosted(model: BoostedModel, x: readonly number[]): number {
  let s = 0;
  for (const tree of model.trees) {
    let t = tree;
    while (t.v === undefined) t = x[t.f!]! <= t.t! ? t.l! : t.r!;
    s = s + model.learningRate * t.v;
  }
  return s;
}
