/**
 * Multiclass classification metrics (and Pearson's r) as pure functions over plain arrays of labels.
 * Macro averages run over the classes present in the gold labels (SemEval's convention for macro
 * recall): a class that is predicted but never gold adds no term (its false positives still lower the
 * recall of the gold classes they came from). Labels are compared with ===. Each has hand-worked tests
 * in test/unit/multiclass-metrics.test.ts.
 */

function checkPair(gold: ArrayLike<unknown>, predicted: ArrayLike<unknown>, what: string): void {
  if (gold.length !== predicted.length) throw new Error(`${what}: expected arrays of equal length, found ${gold.length} and ${predicted.length}`);
  if (gold.length === 0) throw new Error(`${what}: expected at least one value, found none`);
}

/** Classes of `gold`, in order of first appearance. */
function goldClasses<T>(gold: ArrayLike<T>): T[] {
  const seen = new Set<T>();
  for (let i = 0; i < gold.length; i++) seen.add(gold[i]);
  return [...seen];
}

export interface ClassCounts {
  /** Gold rows of the class predicted as it. */
  truePositives: number;
  /** Rows predicted as the class. */
  predicted: number;
  /** Gold rows of the class. */
  actual: number;
}

/** Per-class counts for every class that appears in either array. */
export function classCounts<T>(gold: ArrayLike<T>, predicted: ArrayLike<T>): Map<T, ClassCounts> {
  checkPair(gold, predicted, "classCounts");
  const out = new Map<T, ClassCounts>();
  const get = (c: T): ClassCounts => {
    let v = out.get(c);
    if (!v) {
      v = { truePositives: 0, predicted: 0, actual: 0 };
      out.set(c, v);
    }
    return v;
  };
  for (let i = 0; i < gold.length; i++) {
    get(gold[i]).actual++;
    get(predicted[i]).predicted++;
    if (gold[i] === predicted[i]) get(gold[i]).truePositives++;
  }
  return out;
}

/** Share of rows whose predicted label equals the gold one. */
export function accuracy<T>(gold: ArrayLike<T>, predicted: ArrayLike<T>): number {
  checkPair(gold, predicted, "accuracy");
  let hits = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) hits++;
  return hits / gold.length;
}

/** Mean over the gold classes of recall = TP / gold rows of the class. */
export function macroRecall<T>(gold: ArrayLike<T>, predicted: ArrayLike<T>): number {
  checkPair(gold, predicted, "macroRecall");
  const counts = classCounts(gold, predicted);
  const classes = goldClasses(gold);
  let sum = 0;
  for (const c of classes) {
    const k = counts.get(c)!;
    sum += k.truePositives / k.actual;
  }
  return sum / classes.length;
}

/** Mean over the gold classes of F1 = 2PR / (P + R), with P = 0 for a class never predicted and F1 = 0 when P + R = 0. */
export function macroF1<T>(gold: ArrayLike<T>, predicted: ArrayLike<T>): number {
  checkPair(gold, predicted, "macroF1");
  const counts = classCounts(gold, predicted);
  const classes = goldClasses(gold);
  let sum = 0;
  for (const c of classes) {
    const k = counts.get(c)!;
    const precision = k.predicted === 0 ? 0 : k.truePositives / k.predicted;
    const recall = k.truePositives / k.actual;
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sum / classes.length;
}

/** Pearson's correlation coefficient; NaN when either array is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b, "pearson");
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) throw new Error(`pearson: expected finite numbers, found ${a[i]} and ${b[i]} at index ${i}`);
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return Number.NaN;
  return sab / Math.sqrt(saa * sbb);
}
