/**
 * The learned scorer: two linear models whose weights are a versioned JSON artefact
 * (`scorer-weights.json`, written by `npm run train`), applied here and nowhere else.
 *
 * - The ranker scores each candidate sentence (w · x); the best is the answer, its passage the
 *   first citation. It was fitted listwise: a softmax over an article's sentences, trained so
 *   that the sentences holding the answer get the probability mass.
 * - The abstainer turns per-question features (the ranker's best score among them) into the
 *   probability that the article answers the question (logistic regression); below the
 *   operating point, chosen from the cross-validated curve, the answer is `not-covered`.
 */
import { QUESTION_FEATURES, SENTENCE_FEATURES, type FeatureSpec } from './features.ts';
import weightsJson from './scorer-weights.json' with { type: 'json' };
import { predictBoosted, type BoostedModel } from './boost.ts';

export interface LinearModel {
  /** Weight per feature name; a feature missing here weighs 0. */
  weights: Record<string, number>;
  bias: number;
}

export interface ScorerModel {
  /** Bumped when the feature set changes meaning: a model for another version is refused. */
  version: number;
  /** When and from what it was fitted. */
  trainedAt: string;
  trainedOn: string[];
  /** Linear weights, or boosted regression trees over the same features. */
  ranker: LinearModel | BoostedModel;
  abstainer: LinearModel;
  /** Answer when P(covered) is at least this. */
  operatingPoint: number;
}

/** The feature-set version this code computes. */
export const FEATURE_VERSION = 2;

export const SCORER: ScorerModel = weightsJson as ScorerModel;

/** A model's weights in feature order (0 for a feature it does not know). */
export function weightVector(model: LinearModel, features: readonly FeatureSpec[]): Float64Array {
  return Float64Array.from(features.map((f) => model.weights[f.name] ?? 0));
}

export function dot(w: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += w[i]! * x[i]!;
  return s;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** A model ready to apply: weights as vectors in the features' order. */
export interface CompiledScorer {
  rank(x: readonly number[]): number;
  covered(q: readonly number[]): number;
  operatingPoint: number;
}

/** A ranker as a scoring function over a feature row in `SENTENCE_FEATURES` order. */
export function rankerOf(ranker: LinearModel | BoostedModel): (x: readonly number[]) => number {
  if ('kind' in ranker && ranker.kind === 'boosted') {
    const names = SENTENCE_FEATURES.map((f) => f.name);
    if (ranker.features.join() !== names.join()) throw new Error('the boosted ranker was fitted on another feature set: run "npm run train"');
    return (x) => predictBoosted(ranker, x);
  }
  const linear = ranker as LinearModel;
  const w = weightVector(linear, SENTENCE_FEATURES);
  return (x) => dot(w, x) + linear.bias;
}

/**
 * The abstainer as a function from question features (`QUESTION_FEATURES` order) to P(covered).
 * One structural zero: when no word of the question has any evidence in the article, the ranker's
 * pick is arbitrary, so nothing is covered (on the training articles 60 of 65 such questions were
 * off-topic, and none of the other 5 was ranked right; tests/eval/LOG.md).
 */
export function abstainerOf(abstainer: LinearModel): (q: readonly number[]) => number {
  const w = weightVector(abstainer, QUESTION_FEATURES);
  const nothing = QUESTION_FEATURES.findIndex((f) => f.name === 'nothingMatched');
  return (q) => (q[nothing] === 1 ? 0 : sigmoid(dot(w, q) + abstainer.bias));
}

export function compileScorer(model: ScorerModel = SCORER): CompiledScorer {
  if (model.version !== FEATURE_VERSION) {
    throw new Error(`scorer weights are for feature version ${model.version}, this code computes version ${FEATURE_VERSION}: run "npm run train"`);
  }
  const covered = abstainerOf(model.abstainer);
  return {
    rank: rankerOf(model.ranker),
    covered,
    operatingPoint: model.operatingPoint,
  };
}
