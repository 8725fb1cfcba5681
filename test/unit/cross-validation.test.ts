import { kFold, stratifiedKFold, timeSeriesSplit } from "../../src/ml/cross-validation";

describe("kFold", () => {
  it("puts every row in exactly one test fold, disjoint from its train set, sizes within one", () => {
    const folds = kFold(23, { folds: 5, seed: 7 });
    expect(folds).toHaveLength(5);
    const seen = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const f of folds) {
      expect(f.train.length + f.test.length).toBe(23);
      expect(f.train.filter((i) => f.test.includes(i))).toEqual([]);
    }
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("repeats with the same seed and differs with another", () => {
    expect(kFold(50, { seed: 1 })).toEqual(kFold(50, { seed: 1 }));
    expect(kFold(50, { seed: 1 })).not.toEqual(kFold(50, { seed: 2 }));
  });

  it("refuses too few rows or folds", () => {
    expect(() => kFold(3, { folds: 5 })).toThrow("expected at least 5 rows for 5 folds, found 3");
    expect(() => kFold(10, { folds: 1 })).toThrow("expected at least 2 folds, found 1");
  });
});

describe("stratifiedKFold", () => {
  it("keeps the class shares in every fold: 10 positives over 5 folds → 2 each", () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const folds = stratifiedKFold(labels, { folds: 5, seed: 3 });
    for (const f of folds) {
      expect(f.test).toHaveLength(20);
      expect(f.test.filter((i) => labels[i] === 1)).toHaveLength(2);
    }
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe("timeSeriesSplit", () => {
  it("trains only on the past: n = 12, 3 folds → test blocks [3,6), [6,9), [9,12)", () => {
    const folds = timeSeriesSplit(12, 3);
    expect(folds.map((f) => [f.train.length, f.test[0], f.test[f.test.length - 1]])).toEqual([
      [3, 3, 5],
      [6, 6, 8],
      [9, 9, 11],
    ]);
  });
});
