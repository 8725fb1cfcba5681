import { absQuantile } from "../../src/ml/algorithms/gradient-boosting";
import { createEstimator, estimatorFromJSON } from "../../src/ml/estimator";
import { mae, rocAuc } from "../../src/ml/metrics";
import { createRng } from "../../src/ml/random";

const X4 = [[0], [1], [2], [3]];
const exact = { maxDepth: 1, minSamplesLeaf: 1, subsample: 1, nEstimators: 1 };

describe("gradientBoosting by hand", () => {
  it("squared loss, one stump: the mean plus the leaf mean of the residuals, shrunk by the learning rate", () => {
    // y = 1, 1, 5, 5: start 3; residuals −2, −2, 2, 2; the stump splits at x ≤ 1 with leaves −2 and +2.
    const full = createEstimator("regression", { algorithm: "gradientBoosting", params: { ...exact, loss: "squared", learningRate: 1 } });
    full.fit(X4, [1, 1, 5, 5]);
    expect(full.predict(X4)).toEqual([1, 1, 5, 5]);
    const half = createEstimator("regression", { algorithm: "gradientBoosting", params: { ...exact, loss: "squared", learningRate: 0.5 } });
    half.fit(X4, [1, 1, 5, 5]);
    expect(half.predict(X4)).toEqual([2, 2, 4, 4]);
  });

  it("huber loss: starts at the median and fits residuals clipped at their quantile", () => {
    // y = 1, 2, 3, 100: median 2.5; residuals −1.5, −0.5, 0.5, 97.5; |r| sorted .5 .5 1.5 97.5, the 0.7
    // quantile (nearest rank ⌊0.7·3⌋ = 2) is 1.5 → clipped −1.5, −0.5, 0.5, 1.5. Best stump x ≤ 1: leaves −1, +1.
    expect(absQuantile([-1.5, -0.5, 0.5, 97.5], 0.7)).toBe(1.5);
    const e = createEstimator("regression", { algorithm: "gradientBoosting", params: { ...exact, loss: "huber", huberQuantile: 0.7, learningRate: 1 } });
    e.fit(X4, [1, 2, 3, 100]);
    expect(e.predict(X4)).toEqual([1.5, 1.5, 3.5, 3.5]);
  });

  it("logistic loss: starts at the log-odds and takes one Newton step per leaf", () => {
    // y = 0, 0, 1, 1: p₀ = 0.5, start 0; gradients ∓0.5, hessians 0.25; left leaf Σg/Σh = −1/0.5 = −2, right +2.
    const e = createEstimator("binary", { algorithm: "gradientBoosting", params: { ...exact, learningRate: 1 } });
    e.fit(X4, [0, 0, 1, 1]);
    const p = e.predict(X4);
    const s2 = 1 / (1 + Math.exp(-2));
    [1 - s2, 1 - s2, s2, s2].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
  });
});

describe("gradientBoosting on synthetic data", () => {
  const rng = createRng("gbm-test");
  const X = Array.from({ length: 600 }, () => [rng.next() * 10, rng.next() * 10, rng.next()]);
  const yReg = X.map(([a, b]) => (a > 5 ? 10 : 0) + b + (rng.next() - 0.5));
  const yBin = X.map(([a, b]) => (a + b + 3 * (rng.next() - 0.5) > 10 ? 1 : 0));
  const train = X.slice(0, 400);
  const test = X.slice(400);

  it("learns a step plus a slope (MAE far below the spread) and round-trips through JSON", () => {
    const e = createEstimator("regression", { algorithm: "gradientBoosting", params: {} });
    e.fit(train, yReg.slice(0, 400));
    const p = e.predict(test);
    expect(mae(yReg.slice(400), p)).toBeLessThan(1);
    const loaded = estimatorFromJSON(JSON.parse(JSON.stringify(e.toJSON())));
    expect(loaded.predict(test)).toEqual(p);
  });

  it("separates classes and explains every prediction exactly in log-odds", () => {
    const e = createEstimator("binary", { algorithm: "gradientBoosting", params: {} });
    e.fit(train, yBin.slice(0, 400));
    const p = e.predict(test);
    expect(rocAuc(yBin.slice(400), p)).toBeGreaterThan(0.9);
    for (const i of [0, 7, 42]) {
      const a = e.attribute!(test[i]);
      expect(a.link).toBe("logit");
      expect(a.reference + a.values.reduce((s, v) => s + v, 0)).toBeCloseTo(a.prediction, 9);
      expect(1 / (1 + Math.exp(-a.prediction))).toBeCloseTo(p[i], 9);
      // The noise column (index 2) matters least.
      expect(Math.abs(a.values[2])).toBeLessThan(Math.max(Math.abs(a.values[0]), Math.abs(a.values[1])));
    }
  });

  it("refuses unknown parameters and a loss that does not fit the task", () => {
    expect(() => createEstimator("regression", { algorithm: "gradientBoosting", params: { depth: 3 } })).toThrow(/depth/);
    expect(() => createEstimator("binary", { algorithm: "gradientBoosting", params: { loss: "huber" } })).toThrow(/loss/);
    expect(() => createEstimator("regression", { algorithm: "gradientBoosting", params: { learningRate: 0 } })).toThrow(/learningRate/);
  });
});
