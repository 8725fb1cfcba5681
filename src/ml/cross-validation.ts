import { createRng, shuffled } from "./random";

/** One train/test split of row indices. */
export interface Fold {
  train: number[];
  test: number[];
}

export const defaultCvOptions = { folds: 5, seed: 42 } as const;

function check(n: number, folds: number): void {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`expected at least 2 folds, found ${folds}`);
  if (n < folds) throw new Error(`expected at least ${folds} rows for ${folds} folds, found ${n}`);
}

/** Splits `order` (row indices) into `folds` contiguous, near-equal test blocks. */
function blocks(order: readonly number[], folds: number): Fold[] {
  const n = order.length;
  const out: Fold[] = [];
  for (let f = 0; f < folds; f++) {
    const start = Math.floor((f * n) / folds);
    const end = Math.floor(((f + 1) * n) / folds);
    out.push({ test: order.slice(start, end), train: [...order.slice(0, start), ...order.slice(end)] });
  }
  return out;
}

/** k-fold cross-validation over shuffled rows: every row is in exactly one test fold; seeded. */
export function kFold(n: number, options: { folds?: number; seed?: number } = {}): Fold[] {
  const { folds, seed } = { ...defaultCvOptions, ...options };
  check(n, folds);
  return blocks(shuffled(Array.from({ length: n }, (_, i) => i), createRng(seed)), folds);
}

/**
 * Stratified k-fold: each class is shuffled and dealt round-robin over the folds, so every fold holds
 * the class shares of the whole table (to within one row per class).
 */
export function stratifiedKFold(labels: ArrayLike<number>, options: { folds?: number; seed?: number } = {}): Fold[] {
  const { folds, seed } = { ...defaultCvOptions, ...options };
  check(labels.length, folds);
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const tests: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    for (const i of shuffled(byClass.get(cls)!, rng)) {
      tests[next].push(i);
      next = (next + 1) % folds;
    }
  }
  return tests.map((test, f) => ({ test: test.sort((a, b) => a - b), train: tests.flatMap((t, g) => (g === f ? [] : t)).sort((a, b) => a - b) }));
}

/**
 * Forward-chaining splits for time-ordered rows (0 = oldest): fold f trains on everything before its
 * test block, so no model sees the future.
 */
export function timeSeriesSplit(n: number, folds: number = defaultCvOptions.folds): Fold[] {
  check(n, folds + 1);
  const size = Math.floor(n / (folds + 1));
  const out: Fold[] = [];
  for (let f = 1; f <= folds; f++) {
    const start = f * size;
    const end = f === folds ? n : start + size;
    out.push({ train: Array.from({ length: start }, (_, i) => i), test: Array.from({ length: end - start }, (_, i) => start + i) });
  }
  return out;
}
