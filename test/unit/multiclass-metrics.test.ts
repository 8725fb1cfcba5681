import { accuracy, classCounts, macroF1, macroRecall, pearson } from "../../src/ml/multiclass-metrics";

// gold:      P P P N N U      (P positive, N negative, U neutral)
// predicted: P P N N P P
// P: TP 2 (rows 0, 1), predicted 4 (rows 0, 1, 4, 5), actual 3; N: TP 1, predicted 2, actual 2; U: TP 0, predicted 0, actual 1.
const gold = ["P", "P", "P", "N", "N", "U"];
const predicted = ["P", "P", "N", "N", "P", "P"];

describe("multiclass metrics (worked by hand)", () => {
  it("counts per class", () => {
    const c = classCounts(gold, predicted);
    expect(c.get("P")).toEqual({ truePositives: 2, predicted: 4, actual: 3 });
    expect(c.get("N")).toEqual({ truePositives: 1, predicted: 2, actual: 2 });
    expect(c.get("U")).toEqual({ truePositives: 0, predicted: 0, actual: 1 });
  });

  it("accuracy = 3 / 6", () => {
    expect(accuracy(gold, predicted)).toBe(0.5);
  });

  it("macro recall = (2/3 + 1/2 + 0) / 3 = 7/18", () => {
    expect(macroRecall(gold, predicted)).toBeCloseTo(7 / 18, 12);
  });

  it("macro F1 = (F1(P) = 2·(1/2)(2/3)/(7/6) = 4/7, F1(N) = 1/2, F1(U) = 0) / 3 = 15/42", () => {
    expect(macroF1(gold, predicted)).toBeCloseTo((4 / 7 + 1 / 2 + 0) / 3, 12);
    expect(macroF1(gold, predicted)).toBeCloseTo(15 / 42, 12);
  });

  it("averages over the gold classes only: a class only predicted adds no term", () => {
    // gold has P and N; U is predicted once. Recall P = 1/2, N = 1 → 3/4.
    expect(macroRecall(["P", "P", "N"], ["P", "U", "N"])).toBe(0.75);
    // F1(P) = 2·1·(1/2)/(3/2) = 2/3, F1(N) = 1 → 5/6.
    expect(macroF1(["P", "P", "N"], ["P", "U", "N"])).toBeCloseTo(5 / 6, 12);
  });

  it("is perfect on perfect predictions", () => {
    expect(accuracy(gold, gold)).toBe(1);
    expect(macroRecall(gold, gold)).toBe(1);
    expect(macroF1(gold, gold)).toBe(1);
  });

  it("Pearson r: (1,2,3) vs (1,3,2) = 0.5; exact lines give ±1; a constant gives NaN", () => {
    // means 2 and 2; Σdxdy = (−1)(−1) + 0·1 + 1·0 = 1; Σdx² = 2; Σdy² = 2 → 1/2.
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(pearson([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [-1, -2, -3, -4])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
  });

  it("says what it expected", () => {
    expect(() => accuracy([], [])).toThrow("accuracy: expected at least one value, found none");
    expect(() => macroF1(["a"], ["a", "b"])).toThrow("macroF1: expected arrays of equal length, found 1 and 2");
    expect(() => pearson([1, Number.NaN], [1, 2])).toThrow("pearson: expected finite numbers, found NaN and 2 at index 1");
  });
});
