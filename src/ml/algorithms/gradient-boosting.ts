import type { Attribution, Estimator, EstimatorJSON } from "../estimator";
import type { Task } from "../types";
import { checkBinary, checkKnown, checkMatrix, choiceParam, notFitted, numberParam } from "./checks";
import { binMatrix, growTrees, leafOf, type ForestOptions, type TreeJSON } from "./hist-forest";

/**
 * Gradient-boosted shallow trees over the histogram tree grower of hist-forest.ts (bins computed once).
 *
 * - regression, loss "huber" (default): each round fits the residuals clipped at their `huberQuantile`
 *   quantile of |residual| (Friedman's M-regression), so a few viral outliers do not steer the trees;
 *   the start is the median. Loss "squared": plain residuals from the mean.
 * - binary: logistic loss; trees fit y − p and each leaf takes one Newton step Σ(y − p) / Σ p(1 − p)
 *   over the training rows that reach it; the start is the log-odds of the prevalence.
 *
 * Every round draws `subsample` of the rows without replacement (stochastic boosting) and shrinks the
 * tree by `learningRate`, stored into its leaf values, so the raw score is `init + Σ tree(x)`.
 * Attribution is Saabas' path method summed over the trees (exact: reference + Σ values = raw score).
 * Why it exists: on the Facebook engagement data a log1p forest stays ~8% below a default
 * ml-random-forest's MAE; boosting with the Huber loss reaches ~13% (see README, "Model service").
 */

export interface BoostingOptions {
  nEstimators: number;
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  subsample: number;
  maxFeatures: ForestOptions["maxFeatures"];
  maxBins: number;
  loss: "huber" | "squared" | "logistic";
  huberQuantile: number;
  seed: number;
}

export interface BoostingJSON {
  options: BoostingOptions;
  nFeatures: number;
  init: number;
  trees: TreeJSON[];
  importances: number[];
}

const known = ["nEstimators", "learningRate", "maxDepth", "minSamplesLeaf", "subsample", "maxFeatures", "maxBins", "loss", "huberQuantile", "seed"] as const;

export function readBoostingParams(task: Task, params: Record<string, unknown>): BoostingOptions {
  const name = "gradientBoosting";
  checkKnown(name, params, known);
  const mf = params.maxFeatures;
  if (mf !== undefined && mf !== "sqrt" && mf !== "third" && mf !== "all" && !(typeof mf === "number" && mf > 0 && mf <= 1)) {
    throw new Error(`${name}: expected maxFeatures "sqrt", "third", "all" or a fraction in (0, 1], found ${JSON.stringify(mf)}`);
  }
  const loss = task === "binary" ? choiceParam(name, params, "loss", ["logistic"] as const, "logistic") : choiceParam(name, params, "loss", ["huber", "squared"] as const, "huber");
  return {
    nEstimators: numberParam(name, params, "nEstimators", 300, { min: 1, integer: true }),
    learningRate: numberParam(name, params, "learningRate", 0.05, { min: 0, minExclusive: true, max: 1 }),
    maxDepth: numberParam(name, params, "maxDepth", 3, { min: 1, max: 16, integer: true }),
    minSamplesLeaf: numberParam(name, params, "minSamplesLeaf", 5, { min: 1, integer: true }),
    subsample: numberParam(name, params, "subsample", 0.7, { min: 0, minExclusive: true, max: 1 }),
    maxFeatures: (mf as ForestOptions["maxFeatures"] | undefined) ?? "all",
    maxBins: numberParam(name, params, "maxBins", 64, { min: 2, max: 65535, integer: true }),
    loss,
    huberQuantile: numberParam(name, params, "huberQuantile", 0.7, { min: 0, minExclusive: true, max: 1 }),
    seed: numberParam(name, params, "seed", 42, { integer: true }),
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The q-quantile of |values| (nearest rank on the sorted values). */
export function absQuantile(values: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(values, Math.abs).sort();
  return a.length === 0 ? 0 : a[Math.min(a.length - 1, Math.floor(q * (a.length - 1)))];
}

function median(values: readonly number[]): number {
  const a = Float64Array.from(values).sort();
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/** Every node's value: leaves as stored, internal nodes the count-weighted mean of their children. */
export function nodeValues(tree: TreeJSON): Float64Array {
  const counts = tree.nodeCounts;
  if (!counts) throw new Error("expected a tree with node counts, found one without");
  const values = new Float64Array(tree.feature.length);
  for (let node = tree.feature.length - 1; node >= 0; node--) {
    if (tree.feature[node] < 0) values[node] = tree.value[node];
    else {
      const l = tree.left[node];
      const r = tree.right[node];
      values[node] = (counts[l] * values[l] + counts[r] * values[r]) / (counts[l] + counts[r]);
    }
  }
  return values;
}

export class GradientBoosting implements Estimator {
  readonly algorithm = "gradientBoosting" as const;
  readonly options: BoostingOptions;
  private model: BoostingJSON | null = null;
  private values: Float64Array[] | null = null;

  constructor(
    readonly task: Task,
    params: Record<string, unknown> = {},
    resolved?: BoostingOptions,
  ) {
    if (task !== "regression" && task !== "binary") throw new Error(`gradientBoosting: expected a regression or binary task, found ${task}`);
    this.options = resolved ?? readBoostingParams(task, params);
  }

  fit(X: number[][], y: number[]): void {
    const nFeatures = checkMatrix("gradientBoosting", X, y);
    const o = this.options;
    const binary = this.task === "binary";
    if (binary) checkBinary("gradientBoosting", y);
    const n = X.length;
    let init: number;
    if (binary) {
      const p = Math.min(1 - 1e-6, Math.max(1e-6, y.reduce((s, v) => s + v, 0) / n));
      init = Math.log(p / (1 - p));
    } else init = o.loss === "huber" ? median(y) : y.reduce((s, v) => s + v, 0) / n;
    const binned = binMatrix(X, o.maxBins);
    const F = new Float64Array(n).fill(init);
    const r = new Float64Array(n);
    const leaves = new Int32Array(n);
    const trees: TreeJSON[] = [];
    const importances = new Float64Array(nFeatures);
    const growOptions: Partial<ForestOptions> = { maxDepth: o.maxDepth, minSamplesLeaf: o.minSamplesLeaf, bootstrap: false, sampleFraction: o.subsample, maxFeatures: o.maxFeatures, maxBins: o.maxBins, seed: o.seed };
    for (let t = 0; t < o.nEstimators; t++) {
      if (binary) for (let i = 0; i < n; i++) r[i] = y[i] - sigmoid(F[i]);
      else {
        for (let i = 0; i < n; i++) r[i] = y[i] - F[i];
        if (o.loss === "huber") {
          const delta = absQuantile(r, o.huberQuantile);
          for (let i = 0; i < n; i++) r[i] = Math.max(-delta, Math.min(delta, r[i]));
        }
      }
      const grown = growTrees(binned, r, "regression", growOptions, { from: t, to: t + 1 });
      const tree = grown.trees[0];
      grown.importances.forEach((v, f) => (importances[f] += v));
      for (let i = 0; i < n; i++) leaves[i] = leafOf(tree, X[i]);
      if (binary) {
        // One Newton step per leaf over every training row that reaches it.
        const g = new Float64Array(tree.feature.length);
        const h = new Float64Array(tree.feature.length);
        for (let i = 0; i < n; i++) {
          const p = sigmoid(F[i]);
          g[leaves[i]] += y[i] - p;
          h[leaves[i]] += p * (1 - p);
        }
        for (let node = 0; node < tree.feature.length; node++) if (tree.feature[node] < 0) tree.value[node] = h[node] > 1e-12 ? Math.max(-4, Math.min(4, g[node] / h[node])) : 0;
      }
      for (let node = 0; node < tree.feature.length; node++) if (tree.feature[node] < 0) tree.value[node] *= o.learningRate;
      for (let i = 0; i < n; i++) F[i] += tree.value[leaves[i]];
      trees.push(tree);
    }
    const sum = importances.reduce((a, b) => a + b, 0);
    this.model = { options: o, nFeatures, init, trees, importances: Array.from(importances, (v) => (sum > 0 ? v / sum : 0)) };
    this.values = null;
  }

  private get fitted(): BoostingJSON {
    return this.model ?? notFitted("gradientBoosting");
  }

  /** Normalised impurity decrease per input column, summed over the rounds. */
  get featureImportances(): number[] {
    return this.fitted.importances.slice();
  }

  private raw(x: ArrayLike<number>): number {
    const m = this.fitted;
    let s = m.init;
    for (const tree of m.trees) s += tree.value[leafOf(tree, x)];
    return s;
  }

  predict(X: number[][]): number[] {
    return X.map((x) => (this.task === "binary" ? sigmoid(this.raw(x)) : this.raw(x)));
  }

  attribute(x: number[]): Attribution {
    const m = this.fitted;
    this.values ??= m.trees.map(nodeValues);
    const values = new Array<number>(m.nFeatures).fill(0);
    let reference = m.init;
    m.trees.forEach((tree, t) => {
      const v = this.values![t];
      let node = 0;
      reference += v[0];
      while (tree.feature[node] >= 0) {
        const f = tree.feature[node];
        const next = x[f] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
        values[f] += v[next] - v[node];
        node = next;
      }
    });
    const prediction = reference + values.reduce((s, c) => s + c, 0);
    return { values, reference, prediction, link: this.task === "binary" ? "logit" : "identity" };
  }

  toJSON(): EstimatorJSON {
    return { name: "gradientBoosting", version: 1, task: this.task, boosting: this.fitted };
  }

  static load(json: EstimatorJSON): GradientBoosting {
    const b = json.boosting as BoostingJSON | undefined;
    if (!b || !Array.isArray(b.trees) || typeof b.init !== "number") throw new Error("Invalid model: a gradientBoosting without its trees");
    const model = new GradientBoosting(json.task, {}, b.options);
    model.model = b;
    return model;
  }
}
