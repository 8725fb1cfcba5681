/**
 * Evaluation metrics as pure functions over plain arrays. Each validates its input and says what it
 * expected; each has a unit test whose expected value was worked by hand (test/unit/metrics.test.ts).
 */

function checkPair(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new Error(`${what}: expected arrays of equal length, found ${a.length} and ${b.length}`);
  if (a.length === 0) throw new Error(`${what}: expected at least one value, found none`);
}

// ---------------------------------------------------------------- regression

/** Mean absolute error. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, "mae");
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - predicted[i]);
  return s / actual.length;
}

/** Root mean squared error. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, "rmse");
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(s / actual.length);
}

/** Coefficient of determination, 1 − SSres/SStot; for a constant actual: 1 if predicted exactly, NaN otherwise. */
export function r2(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, "r2");
  let mean = 0;
  for (let i = 0; i < actual.length; i++) mean += actual[i];
  mean /= actual.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < actual.length; i++) {
    res += (actual[i] - predicted[i]) ** 2;
    tot += (actual[i] - mean) ** 2;
  }
  if (tot === 0) return res === 0 ? 1 : Number.NaN;
  return 1 - res / tot;
}

/** Mean absolute percentage error (a fraction: 0.27 = 27%); rows whose actual value is 0 are skipped. */
export function mape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, "mape");
  let s = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    s += Math.abs((actual[i] - predicted[i]) / actual[i]);
    n += 1;
  }
  return n === 0 ? Number.NaN : s / n;
}

// ------------------------------------------------------------ classification

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Binary confusion counts; labels are 0/1 (1 = positive). */
export function confusion(actual: ArrayLike<number>, predicted: ArrayLike<number>): Confusion {
  checkPair(actual, predicted, "confusion");
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] === 1;
    const p = predicted[i] === 1;
    if (a && p) c.tp++;
    else if (!a && p) c.fp++;
    else if (!a && !p) c.tn++;
    else c.fn++;
  }
  return c;
}

export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, "accuracy");
  let ok = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) ok++;
  return ok / actual.length;
}

/** Precision of the positive class (0 when nothing was predicted positive). */
export function precision(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { tp, fp } = confusion(actual, predicted);
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

/** Recall of the positive class (0 when there are no positives). */
export function recall(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { tp, fn } = confusion(actual, predicted);
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

export function f1(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const p = precision(actual, predicted);
  const r = recall(actual, predicted);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Indices sorted by score, highest first. */
function byScoreDesc(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
}

function countPositives(actual: ArrayLike<number>): number {
  let p = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === 1) p++;
  return p;
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (the Mann–Whitney statistic). NaN when a class is missing.
 */
export function rocAuc(actual: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair(actual, scores, "rocAuc");
  const pos = countPositives(actual);
  const neg = actual.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // Average ranks (1-based), ties sharing the mean rank.
  let rankSumPos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (actual[order[k]] === 1) rankSumPos += rank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Area under the precision–recall curve as average precision: the mean, over the positives, of the
 * precision at each positive's rank (ties in score processed as one block, like scikit-learn).
 */
export function prAuc(actual: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair(actual, scores, "prAuc");
  const pos = countPositives(actual);
  if (pos === 0) return Number.NaN;
  const order = byScoreDesc(scores);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      seen++;
      if (actual[order[k]] === 1) tp++;
    }
    const rec = tp / pos;
    ap += (rec - prevRecall) * (tp / seen);
    prevRecall = rec;
    i = j + 1;
  }
  return ap;
}

/** Mean binary cross-entropy, probabilities clipped to [eps, 1 − eps]. */
export function logLoss(actual: ArrayLike<number>, probabilities: ArrayLike<number>, eps = 1e-15): number {
  checkPair(actual, probabilities, "logLoss");
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
    s -= actual[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / actual.length;
}

// ----------------------------------------------------------------- clustering

/**
 * Mean silhouette coefficient: for each point, (b − a) / max(a, b) with a the mean distance to its
 * own cluster and b the smallest mean distance to another cluster; points alone in their cluster
 * score 0. Euclidean distance. O(n²): sample large inputs first.
 */
export function silhouette(points: ReadonlyArray<ArrayLike<number>>, labels: ArrayLike<number>): number {
  if (points.length !== labels.length) throw new Error(`silhouette: expected one label per point, found ${points.length} points and ${labels.length} labels`);
  const n = points.length;
  const clusters = [...new Set(Array.from(labels))];
  if (clusters.length < 2) throw new Error(`silhouette: expected at least 2 clusters, found ${clusters.length}`);
  const index = new Map(clusters.map((c, i) => [c, i]));
  const sizes = new Array(clusters.length).fill(0);
  for (let i = 0; i < n; i++) sizes[index.get(labels[i])!]++;
  let total = 0;
  const sums = new Float64Array(clusters.length);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let d = 0;
      const p = points[i];
      const q = points[j];
      for (let k = 0; k < p.length; k++) d += (p[k] - q[k]) ** 2;
      sums[index.get(labels[j])!] += Math.sqrt(d);
    }
    const own = index.get(labels[i])!;
    if (sizes[own] === 1) continue;
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < clusters.length; c++) if (c !== own) b = Math.min(b, sums[c] / sizes[c]);
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}
