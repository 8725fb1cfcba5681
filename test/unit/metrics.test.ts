import { accuracy, confusion, f1, logLoss, mae, mape, prAuc, precision, r2, recall, rmse, rocAuc, silhouette } from "../../src/ml/metrics";

// Every expected value below was worked by hand (the working is in the comment).
describe("regression metrics", () => {
  const actual = [3, -0.5, 2, 7];
  const predicted = [2.5, 0, 2, 8];

  it("MAE: (0.5 + 0.5 + 0 + 1) / 4 = 0.5", () => expect(mae(actual, predicted)).toBeCloseTo(0.5, 12));
  it("RMSE: sqrt((0.25 + 0.25 + 0 + 1) / 4) = sqrt(0.375)", () => expect(rmse(actual, predicted)).toBeCloseTo(Math.sqrt(0.375), 12));
  it("R²: mean 2.875, SStot 29.1875, SSres 1.5 → 1 − 1.5/29.1875", () => expect(r2(actual, predicted)).toBeCloseTo(1 - 1.5 / 29.1875, 12));
  it("MAPE skips zero actuals: (0.1 + 0.1 + 0) / 3", () => expect(mape([100, 200, 0, 50], [110, 180, 5, 50])).toBeCloseTo(0.2 / 3, 12));
  it("R² of a perfect constant prediction is 1, of a wrong one NaN", () => {
    expect(r2([4, 4], [4, 4])).toBe(1);
    expect(r2([4, 4], [3, 5])).toBeNaN();
  });
  it("refuses mismatched or empty input, saying what it found", () => {
    expect(() => mae([1, 2], [1])).toThrow("mae: expected arrays of equal length, found 2 and 1");
    expect(() => rmse([], [])).toThrow("rmse: expected at least one value, found none");
  });
});

describe("classification metrics", () => {
  // tp: rows 0, 3; fp: row 1; fn: row 2; tn: rows 4, 5
  const actual = [1, 0, 1, 1, 0, 0];
  const predicted = [1, 1, 0, 1, 0, 0];

  it("confusion counts", () => expect(confusion(actual, predicted)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 }));
  it("accuracy 4/6, precision 2/3, recall 2/3, F1 2/3", () => {
    expect(accuracy(actual, predicted)).toBeCloseTo(4 / 6, 12);
    expect(precision(actual, predicted)).toBeCloseTo(2 / 3, 12);
    expect(recall(actual, predicted)).toBeCloseTo(2 / 3, 12);
    expect(f1(actual, predicted)).toBeCloseTo(2 / 3, 12);
  });
  it("precision and F1 are 0 when nothing is predicted positive", () => {
    expect(precision([1, 0], [0, 0])).toBe(0);
    expect(f1([1, 0], [0, 0])).toBe(0);
  });

  // y = [0, 0, 1, 1], scores = [0.1, 0.4, 0.35, 0.8]
  it("ROC-AUC: positives beat negatives in 3 of 4 pairs → 0.75", () => expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12));
  it("ROC-AUC counts a tie as half a win", () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    // pairs: (0.7 vs 0.2) win, (0.7 vs 0.7) half, (0.9 vs 0.2) win, (0.9 vs 0.7) win → 3.5 / 4
    expect(rocAuc([0, 0, 1, 1], [0.2, 0.7, 0.7, 0.9])).toBeCloseTo(3.5 / 4, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
  it("PR-AUC (average precision): 0.5 × 1 (at 0.8) + 0.5 × 2/3 (at 0.35) = 0.8333", () =>
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12));
  it("log-loss: −(ln 0.9 + ln 0.8) / 2, clipped at 0 and 1", () => {
    expect(logLoss([1, 0], [0.9, 0.2])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });
});

describe("silhouette", () => {
  // 1-D points 0, 1 | 10, 11: a = 1 for all; b = 10.5, 9.5, 9.5, 10.5
  it("(9.5/10.5 × 2 + 8.5/9.5 × 2) / 4", () => {
    const expected = ((9.5 / 10.5) * 2 + (8.5 / 9.5) * 2) / 4;
    expect(silhouette([[0], [1], [10], [11]], [0, 0, 1, 1])).toBeCloseTo(expected, 12);
  });
  it("a point alone in its cluster scores 0", () => {
    // point 2 alone; points 0,1: a = 1, b = 10 and 9
    expect(silhouette([[0], [1], [10]], [0, 0, 1])).toBeCloseTo(((9 / 10) + (8 / 9)) / 3, 12);
  });
  it("needs two clusters", () => expect(() => silhouette([[0], [1]], [0, 0])).toThrow("expected at least 2 clusters, found 1"));
});
