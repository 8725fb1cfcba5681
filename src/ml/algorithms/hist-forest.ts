import { createRng, type Rng } from "../random";

/**
 * A random forest grown on histogram-binned features (each feature cut into ≤ maxBins quantile bins
 * once), with a fresh random feature subset at every split, as scikit-learn's forests do.
 *
 * Why not ml-random-forest: its CART re-partitions the whole node for every candidate threshold
 * (O(n²) per node), so 50 default trees on 40k × 60 extrapolate to ~40 h; and it samples features
 * per tree, not per split. Here one split costs O(rows × sampled features + bins × sampled features):
 * a bin histogram per feature, then a scan over the bins.
 *
 * Classification leaves keep class frequencies, so probabilities are averaged leaf distributions
 * rather than coarse vote fractions. Serialised as tagged JSON that refuses a foreign tag.
 */

export type ForestTask = "classification" | "regression";

export interface ForestOptions {
  nEstimators: number;
  /** Features tried per split: "sqrt", "third" (n/3), "all", or a fraction in (0, 1]. */
  maxFeatures: "sqrt" | "third" | "all" | number;
  maxDepth: number;
  minSamplesLeaf: number;
  maxBins: number;
  bootstrap: boolean;
  /** Rows drawn per tree, as a fraction of the table (with bootstrap: with replacement). */
  sampleFraction: number;
  seed: number;
}

export const defaultForestOptions: ForestOptions = {
  nEstimators: 100,
  maxFeatures: "sqrt",
  maxDepth: 32,
  minSamplesLeaf: 1,
  maxBins: 64,
  bootstrap: true,
  sampleFraction: 1,
  seed: 42,
};

/** One tree as flat arrays; node 0 is the root; feature -1 marks a leaf. */
export interface TreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Per node: the mean (regression) or the first of `classes` probabilities (classification), for leaves. */
  value: number[];
  /**
   * Per node, internal nodes too: how many (bootstrap) training rows reached it. With the leaf values
   * this gives every internal node's value (the count-weighted mean of its children's), which path
   * attributions (`contributions`) need; small integers, so it costs far less JSON than the values.
   * Absent in forests saved before it existed.
   */
  nodeCounts?: number[];
}

/** Saabas path attribution of one prediction: bias + Σ contributions = prediction. */
export interface PathAttribution {
  /** Mean over trees of the root's value (≈ the training mean or class frequency). */
  bias: number;
  /** Per input column: the mean over trees of the value changes at the splits on that column. */
  contributions: number[];
  prediction: number;
}

export interface ForestJSON {
  name: "histForestClassifier" | "histForestRegressor";
  version: 1;
  options: ForestOptions;
  nFeatures: number;
  classes: number;
  trees: TreeJSON[];
  /** Mean decrease in impurity per feature, normalised to sum 1. */
  importances: number[];
}

/** Quantile bin edges per feature: bin b holds x ≤ edges[b] (and > edges[b-1]); the last edge is +∞. */
export function binEdges(column: ArrayLike<number>, maxBins: number): Float64Array {
  const values = Float64Array.from(column).sort();
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
  if (distinct.length <= maxBins) {
    // One bin per distinct value: cut half-way between neighbours.
    const edges = new Float64Array(distinct.length);
    for (let i = 0; i < distinct.length - 1; i++) edges[i] = (distinct[i] + distinct[i + 1]) / 2;
    edges[distinct.length - 1] = Infinity;
    return edges;
  }
  const edges: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const q = values[Math.min(values.length - 1, Math.floor((b * values.length) / maxBins))];
    // Cut just below the quantile value so ties stay together, and never twice at one place.
    const idx = lowerBound(values, q);
    if (idx === 0) continue;
    const cut = (values[idx - 1] + values[idx]) / 2;
    if (edges.length === 0 || cut > edges[edges.length - 1]) edges.push(cut);
  }
  edges.push(Infinity);
  return Float64Array.from(edges);
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function featuresPerSplit(option: ForestOptions["maxFeatures"], n: number): number {
  if (option === "sqrt") return Math.max(1, Math.round(Math.sqrt(n)));
  if (option === "third") return Math.max(1, Math.round(n / 3));
  if (option === "all") return n;
  if (!(option > 0 && option <= 1)) throw new Error(`expected maxFeatures "sqrt", "third", "all" or a fraction in (0, 1], found ${option}`);
  return Math.max(1, Math.round(option * n));
}

interface GrowContext {
  task: ForestTask;
  classes: number;
  bins: Uint8Array[] | Uint16Array[];
  edges: Float64Array[];
  y: Float64Array;
  options: ForestOptions;
  mtry: number;
  importances: Float64Array;
}

class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  nodeCounts: number[] = [];

  constructor(
    private readonly ctx: GrowContext,
    private readonly rng: Rng,
  ) {}

  private leaf(rows: Uint32Array, start: number, end: number): number {
    const id = this.feature.length;
    const { ctx } = this;
    this.feature.push(-1);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    if (ctx.task === "regression") {
      let s = 0;
      for (let i = start; i < end; i++) s += ctx.y[rows[i]];
      this.value.push(s / (end - start));
    } else {
      const counts = new Float64Array(ctx.classes);
      for (let i = start; i < end; i++) counts[ctx.y[rows[i]]]++;
      // The leaf's probabilities sit at value[id] … in a side table; store the offset of the first.
      this.value.push(this.classValues.length);
      for (let c = 0; c < ctx.classes; c++) this.classValues.push(counts[c] / (end - start));
    }
    return id;
  }

  classValues: number[] = [];

  build(rows: Uint32Array): void {
    const { ctx } = this;
    const nFeatures = ctx.bins.length;
    const order = Int32Array.from({ length: nFeatures }, (_, i) => i);
    const k = ctx.classes;
    const maxBins = ctx.options.maxBins + 1;
    const histCount = new Float64Array(maxBins);
    const histSum = new Float64Array(maxBins);
    const histClass = new Float64Array(maxBins * Math.max(1, k));
    const minLeaf = ctx.options.minSamplesLeaf;
    const classTotals = new Float64Array(Math.max(1, k));
    const leftClass = new Float64Array(Math.max(1, k));

    type Task = { start: number; end: number; depth: number; parent: number; side: 0 | 1 };
    const stack: Task[] = [{ start: 0, end: rows.length, depth: 0, parent: -1, side: 0 }];
    while (stack.length) {
      const { start, end, depth, parent, side } = stack.pop()!;
      const n = end - start;
      // Node statistics and its impurity score (the quantity a split tries to raise).
      let parentScore = 0;
      let pure = true;
      let total = 0;
      if (ctx.task === "regression") {
        const first = ctx.y[rows[start]];
        for (let i = start; i < end; i++) {
          const v = ctx.y[rows[i]];
          total += v;
          if (v !== first) pure = false;
        }
        parentScore = (total * total) / n;
      } else {
        classTotals.fill(0);
        for (let i = start; i < end; i++) classTotals[ctx.y[rows[i]]]++;
        let nonZero = 0;
        for (let c = 0; c < k; c++) {
          if (classTotals[c] > 0) nonZero++;
          parentScore += classTotals[c] * classTotals[c];
        }
        parentScore /= n;
        pure = nonZero <= 1;
      }
      let bestFeature = -1;
      let bestBin = -1;
      let bestScore = parentScore + 1e-12 * Math.abs(parentScore);
      if (!pure && depth < ctx.options.maxDepth && n >= 2 * minLeaf) {
        // Partial Fisher–Yates: the first mtry entries of `order` are this split's features. As in
        // scikit-learn, when none of them can split the node (constant here, e.g. a one-hot column
        // that is all 0 in this node), more features are drawn until one can or all were tried.
        let valid = false;
        for (let f = 0; f < nFeatures && (f < ctx.mtry || !valid); f++) {
          const j = f + this.rng.int(nFeatures - f);
          const tmp = order[f];
          order[f] = order[j];
          order[j] = tmp;
          const feature = order[f];
          const bins = ctx.bins[feature];
          const nb = ctx.edges[feature].length;
          if (nb < 2) continue;
          histCount.fill(0, 0, nb);
          if (ctx.task === "regression") {
            histSum.fill(0, 0, nb);
            for (let i = start; i < end; i++) {
              const r = rows[i];
              const b = bins[r];
              histCount[b]++;
              histSum[b] += ctx.y[r];
            }
            let nl = 0;
            let sl = 0;
            for (let b = 0; b < nb - 1; b++) {
              nl += histCount[b];
              sl += histSum[b];
              const nr = n - nl;
              if (nl < minLeaf) continue;
              if (nr < minLeaf) break;
              valid = true;
              const sr = total - sl;
              const score = (sl * sl) / nl + (sr * sr) / nr;
              if (score > bestScore) {
                bestScore = score;
                bestFeature = feature;
                bestBin = b;
              }
            }
          } else {
            histClass.fill(0, 0, nb * k);
            for (let i = start; i < end; i++) {
              const r = rows[i];
              const b = bins[r];
              histCount[b]++;
              histClass[b * k + ctx.y[r]]++;
            }
            leftClass.fill(0);
            let nl = 0;
            for (let b = 0; b < nb - 1; b++) {
              if (histCount[b] === 0) continue;
              nl += histCount[b];
              for (let c = 0; c < k; c++) leftClass[c] += histClass[b * k + c];
              const nr = n - nl;
              if (nl < minLeaf) continue;
              if (nr < minLeaf) break;
              valid = true;
              let sl = 0;
              let sr = 0;
              for (let c = 0; c < k; c++) {
                const l = leftClass[c];
                const rr = classTotals[c] - l;
                sl += l * l;
                sr += rr * rr;
              }
              const score = sl / nl + sr / nr;
              if (score > bestScore) {
                bestScore = score;
                bestFeature = feature;
                bestBin = b;
              }
            }
          }
        }
      }
      let id: number;
      if (bestFeature < 0) {
        id = this.leaf(rows, start, end);
      } else {
        id = this.feature.length;
        this.feature.push(bestFeature);
        this.threshold.push(ctx.edges[bestFeature][bestBin]);
        this.left.push(-1);
        this.right.push(-1);
        this.value.push(0);
        ctx.importances[bestFeature] += bestScore - parentScore;
        // Partition rows[start, end) in place: bins ≤ bestBin first.
        const bins = ctx.bins[bestFeature];
        let i = start;
        let j = end - 1;
        while (i <= j) {
          if (bins[rows[i]] <= bestBin) i++;
          else {
            const t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
            j--;
          }
        }
        // Right pushed first so the left subtree is built (and numbered) first.
        stack.push({ start: i, end, depth: depth + 1, parent: id, side: 1 });
        stack.push({ start, end: i, depth: depth + 1, parent: id, side: 0 });
      }
      // Rows reaching the node, for leaves and internal nodes alike (path attributions derive internal values from them).
      this.nodeCounts.push(n);
      if (parent >= 0) {
        if (side === 0) this.left[parent] = id;
        else this.right[parent] = id;
      }
    }
  }
}

/** A matrix binned once: per feature, its quantile edges and every row's bin. */
export interface BinnedMatrix {
  n: number;
  edges: Float64Array[];
  bins: Array<Uint8Array | Uint16Array>;
}

/** Bins every column of X into at most `maxBins` quantile bins (checks shape and finiteness). */
export function binMatrix(X: ReadonlyArray<ArrayLike<number>>, maxBins: number): BinnedMatrix {
  const n = X.length;
  if (n === 0) throw new Error("expected at least one training row, found none");
  if (maxBins < 2 || maxBins > 65535) throw new Error(`expected maxBins between 2 and 65535, found ${maxBins}`);
  const nFeatures = X[0].length;
  for (let i = 0; i < n; i++) {
    const row = X[i];
    if (row.length !== nFeatures) throw new Error(`expected ${nFeatures} features in every row, found ${row.length} in row ${i}`);
    for (let f = 0; f < nFeatures; f++) if (!Number.isFinite(row[f])) throw new Error(`expected finite feature values, found ${row[f]} at row ${i}, feature ${f} (impute first)`);
  }
  const edges: Float64Array[] = [];
  const bins: Array<Uint8Array | Uint16Array> = [];
  const column = new Float64Array(n);
  for (let f = 0; f < nFeatures; f++) {
    for (let i = 0; i < n; i++) column[i] = X[i][f];
    const e = binEdges(column, maxBins);
    edges.push(e);
    const b = e.length <= 256 ? new Uint8Array(n) : new Uint16Array(n);
    for (let i = 0; i < n; i++) b[i] = binOf(e, column[i]);
    bins.push(b);
  }
  return { n, edges, bins };
}

/** Trains trees [from, to) of a forest; `to - from` trees, seeded per tree so any split of the work gives the same forest. */
export function trainTrees(
  X: ReadonlyArray<ArrayLike<number>>,
  y: ArrayLike<number>,
  task: ForestTask,
  options: Partial<ForestOptions> = {},
  range?: { from: number; to: number },
): { trees: TreeJSON[]; classValues: number[][]; importances: number[]; classes: number; edges: Float64Array[] } {
  const opts: ForestOptions = { ...defaultForestOptions, ...options };
  if (X.length === 0) throw new Error("expected at least one training row, found none");
  if (y.length !== X.length) throw new Error(`expected one target per row, found ${X.length} rows and ${y.length} targets`);
  return growTrees(binMatrix(X, opts.maxBins), y, task, opts, range);
}

/** `trainTrees` over a matrix binned once (boosting grows hundreds of trees over the same bins). */
export function growTrees(
  binned: BinnedMatrix,
  y: ArrayLike<number>,
  task: ForestTask,
  options: Partial<ForestOptions> = {},
  range?: { from: number; to: number },
): { trees: TreeJSON[]; classValues: number[][]; importances: number[]; classes: number; edges: Float64Array[] } {
  const opts: ForestOptions = { ...defaultForestOptions, ...options };
  const { n, edges, bins } = binned;
  if (y.length !== n) throw new Error(`expected one target per row, found ${n} rows and ${y.length} targets`);
  const nFeatures = bins.length;
  const yy = Float64Array.from(y);
  let classes = 0;
  if (task === "classification") {
    for (const v of yy) {
      if (!Number.isInteger(v) || v < 0) throw new Error(`expected class labels 0, 1, …, found ${v}`);
      classes = Math.max(classes, v + 1);
    }
  }
  const ctx: GrowContext = {
    task,
    classes,
    bins: bins as Uint8Array[],
    edges,
    y: yy,
    options: opts,
    mtry: featuresPerSplit(opts.maxFeatures, nFeatures),
    importances: new Float64Array(nFeatures),
  };
  const from = range?.from ?? 0;
  const to = range?.to ?? opts.nEstimators;
  const trees: TreeJSON[] = [];
  const classValues: number[][] = [];
  const sampleSize = Math.max(1, Math.round(opts.sampleFraction * n));
  for (let t = from; t < to; t++) {
    const rng = createRng(`${opts.seed}:${t}`);
    const rows = new Uint32Array(sampleSize);
    if (opts.bootstrap) for (let i = 0; i < sampleSize; i++) rows[i] = rng.int(n);
    else {
      const all = Uint32Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < sampleSize; i++) {
        const j = i + rng.int(n - i);
        const tmp = all[i];
        all[i] = all[j];
        all[j] = tmp;
      }
      rows.set(all.subarray(0, sampleSize));
    }
    const builder = new TreeBuilder(ctx, rng);
    builder.build(rows);
    trees.push({ feature: builder.feature, threshold: builder.threshold, left: builder.left, right: builder.right, value: builder.value, nodeCounts: builder.nodeCounts });
    classValues.push(builder.classValues);
  }
  return { trees, classValues, importances: Array.from(ctx.importances), classes, edges };
}

export function leafOf(tree: TreeJSON, row: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = row[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return node;
}

abstract class HistForest {
  protected constructor(protected readonly model: ForestJSON) {}

  get featureImportances(): number[] {
    return this.model.importances.slice();
  }

  toJSON(): ForestJSON {
    return this.model;
  }

  get nFeatures(): number {
    return this.model.nFeatures;
  }

  private readonly valueCache = new Map<string, Float64Array>();

  /**
   * Every node's value in tree `t` (regression: the mean target; classification: the frequency of
   * `classIndex`): leaves as stored, internal nodes as the count-weighted mean of their children.
   * Children are numbered after their parent, so one pass from the last node back suffices. Cached.
   */
  protected nodeValues(t: number, classIndex: number): Float64Array {
    const key = `${t}:${classIndex}`;
    const cached = this.valueCache.get(key);
    if (cached) return cached;
    const tree = this.model.trees[t];
    const counts = tree.nodeCounts;
    if (!counts) throw new Error("expected a forest with node counts (trained by this version), found one without: retrain it to explain its predictions");
    const classifier = this.model.name === "histForestClassifier";
    const values = new Float64Array(tree.feature.length);
    for (let node = tree.feature.length - 1; node >= 0; node--) {
      if (tree.feature[node] < 0) {
        values[node] = classifier ? (classIndex < this.model.classes ? (tree.value[tree.value[node] + classIndex] ?? 0) : 0) : tree.value[node];
      } else {
        const l = tree.left[node];
        const r = tree.right[node];
        values[node] = (counts[l] * values[l] + counts[r] * values[r]) / (counts[l] + counts[r]);
      }
    }
    this.valueCache.set(key, values);
    return values;
  }

  /**
   * Saabas path attribution: walk each tree from the root to the row's leaf, crediting every change of
   * the node value to the feature split on there; average over trees. `classIndex` picks the class
   * whose probability is explained (classification only).
   */
  protected attribute(row: ArrayLike<number>, classIndex: number): PathAttribution {
    const { trees, nFeatures } = this.model;
    const contributions = new Array<number>(nFeatures).fill(0);
    let bias = 0;
    trees.forEach((tree, t) => {
      const values = this.nodeValues(t, classIndex);
      const at = (node: number) => values[node];
      let node = 0;
      bias += at(0);
      while (tree.feature[node] >= 0) {
        const f = tree.feature[node];
        const next = row[f] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
        contributions[f] += at(next) - at(node);
        node = next;
      }
    });
    const m = trees.length;
    const mean = contributions.map((c) => c / m);
    const b = bias / m;
    return { bias: b, contributions: mean, prediction: b + mean.reduce((s, c) => s + c, 0) };
  }

  protected static assemble(
    name: ForestJSON["name"],
    options: ForestOptions,
    nFeatures: number,
    parts: ReturnType<typeof trainTrees>[],
  ): ForestJSON {
    const trees: TreeJSON[] = [];
    const importances = new Float64Array(nFeatures);
    let classes = 0;
    for (const p of parts) {
      p.trees.forEach((tree, i) => {
        if (name === "histForestClassifier") {
          // Inline each leaf's class probabilities after the tree's own arrays: value[node] = offset into tree.value.
          const base = tree.value.length;
          const value = tree.value.map((v, node) => (tree.feature[node] < 0 ? base + v : 0));
          trees.push({ ...tree, value: [...value, ...p.classValues[i]] });
        } else trees.push(tree);
      });
      p.importances.forEach((v, f) => (importances[f] += v));
      classes = Math.max(classes, p.classes);
    }
    const sum = importances.reduce((a, b) => a + b, 0);
    return { name, version: 1, options, nFeatures, classes, trees, importances: Array.from(importances, (v) => (sum > 0 ? v / sum : 0)) };
  }

  protected static check(json: unknown, name: ForestJSON["name"]): ForestJSON {
    const j = json as Partial<ForestJSON> | null;
    if (!j || j.name !== name) throw new Error(`Invalid model: expected a "${name}", found ${JSON.stringify(j?.name ?? null)}`);
    if (j.version !== 1 || !Array.isArray(j.trees)) throw new Error(`Invalid model: unsupported ${name} version ${String(j.version)}`);
    return j as ForestJSON;
  }
}

export class HistForestRegressor extends HistForest {
  static train(X: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, options: Partial<ForestOptions> = {}): HistForestRegressor {
    const opts = { ...defaultForestOptions, ...options };
    return HistForestRegressor.fromParts(opts, X[0]?.length ?? 0, [trainTrees(X, y, "regression", opts)]);
  }

  /** Joins trees trained separately (e.g. in parallel workers) into one forest. */
  static fromParts(options: ForestOptions, nFeatures: number, parts: ReturnType<typeof trainTrees>[]): HistForestRegressor {
    return new HistForestRegressor(HistForest.assemble("histForestRegressor", options, nFeatures, parts));
  }

  static load(json: unknown): HistForestRegressor {
    return new HistForestRegressor(HistForest.check(json, "histForestRegressor"));
  }

  /** Path attribution of one row's prediction (see `attribute`). */
  contributions(row: ArrayLike<number>): PathAttribution {
    return this.attribute(row, 0);
  }

  predict(X: ReadonlyArray<ArrayLike<number>>): number[] {
    const { trees } = this.model;
    return X.map((row) => {
      let s = 0;
      for (const tree of trees) s += tree.value[leafOf(tree, row)];
      return s / trees.length;
    });
  }
}

export class HistForestClassifier extends HistForest {
  static train(X: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, options: Partial<ForestOptions> = {}): HistForestClassifier {
    const opts = { ...defaultForestOptions, ...options };
    return HistForestClassifier.fromParts(opts, X[0]?.length ?? 0, [trainTrees(X, y, "classification", opts)]);
  }

  static fromParts(options: ForestOptions, nFeatures: number, parts: ReturnType<typeof trainTrees>[]): HistForestClassifier {
    return new HistForestClassifier(HistForest.assemble("histForestClassifier", options, nFeatures, parts));
  }

  static load(json: unknown): HistForestClassifier {
    return new HistForestClassifier(HistForest.check(json, "histForestClassifier"));
  }

  /** Path attribution of one row's probability of class `classIndex` (default 1, the positive class). */
  contributions(row: ArrayLike<number>, classIndex = 1): PathAttribution {
    return this.attribute(row, classIndex);
  }

  /** Class probabilities per row: the mean of the trees' leaf class frequencies. */
  predictProbabilities(X: ReadonlyArray<ArrayLike<number>>): number[][] {
    const { trees, classes } = this.model;
    return X.map((row) => {
      const p = new Array<number>(classes).fill(0);
      for (const tree of trees) {
        const off = tree.value[leafOf(tree, row)];
        for (let c = 0; c < classes; c++) p[c] += tree.value[off + c] ?? 0;
      }
      return p.map((v) => v / trees.length);
    });
  }

  predict(X: ReadonlyArray<ArrayLike<number>>): number[] {
    return this.predictProbabilities(X).map((p) => p.indexOf(Math.max(...p)));
  }
}
