import { allocateContributions, fitModel, loadModel } from "../../src/ml/model";
import type { Candidate, Explanation, FeatureRow, Table } from "../../src/ml/types";

const sum = (e: Explanation) => e.contributions.reduce((s, c) => s + c.contribution, 0);

// y = 2x + 3·[c = a] + [b]; a little structure for every kind of feature.
function makeTable(n: number): Table {
  const rows: FeatureRow[] = [];
  const target: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = (i % 17) / 4;
    const c = ["a", "b", "c"][i % 3];
    const b = i % 4 === 0;
    rows.push({ x: i % 23 === 0 ? null : x, c, b });
    target.push(2 * x + (c === "a" ? 3 : 0) + (b ? 1 : 0) + 1);
  }
  return {
    features: [
      { name: "x", kind: "numeric" },
      { name: "c", kind: "categorical" },
      { name: "b", kind: "boolean" },
    ],
    rows,
    target,
  };
}

const regression = makeTable(120);
const binary: Table = { ...regression, target: regression.target!.map((v) => (v > 6 ? 1 : 0)) };
const probe: FeatureRow = { x: 3.5, c: "b", b: false };

describe("fitModel / explain", () => {
  it("linear contributions are coef × (x − training mean), one-hot groups summed (hand-worked)", () => {
    // x̄ = 1.5, share of "a" = ½, ȳ = 4.5; row (x = 3, c = b): 2·1.5 = 3 and 3·(0 − ½) = −1.5; 6 − 4.5 = 1.5.
    const t: Table = { features: [{ name: "x", kind: "numeric" }, { name: "c", kind: "categorical" }], rows: [{ x: 0, c: "a" }, { x: 1, c: "b" }, { x: 2, c: "a" }, { x: 3, c: "b" }], target: [3, 2, 7, 6] };
    const m = fitModel(t, "regression", { algorithm: "linearRegression", params: { lambda: 0 } });
    const e = m.explain({ x: 3, c: "b" });
    expect(e.base).toBeCloseTo(4.5, 10);
    expect(e.prediction).toBeCloseTo(6, 10);
    expect(e.contributions.map((c) => c.feature)).toEqual(["x", "c"]);
    expect(e.contributions[0].contribution).toBeCloseTo(3, 8);
    expect(e.contributions[1].contribution).toBeCloseTo(-1.5, 8);
    expect(e.contributions[1].value).toBe("b");
  });

  // Every row has all five entries: jest takes a callback with more parameters than the row as `done`.
  const cases: Array<[string, Table, "regression" | "binary", Candidate, object]> = [
    ["baseline", regression, "regression", { algorithm: "baseline", params: {} }, {}],
    ["linearRegression", regression, "regression", { algorithm: "linearRegression", params: {} }, {}],
    ["linearRegression, log1p target", regression, "regression", { algorithm: "linearRegression", params: {} }, { targetTransform: "log1p" }],
    ["randomForest", regression, "regression", { algorithm: "randomForest", params: { nEstimators: 15 } }, {}],
    ["randomForest, log1p target", regression, "regression", { algorithm: "randomForest", params: { nEstimators: 15 } }, { targetTransform: "log1p" }],
    ["mlRandomForest", regression, "regression", { algorithm: "mlRandomForest", params: { nEstimators: 5 } }, {}],
    ["logisticRegression (newton)", binary, "binary", { algorithm: "logisticRegression", params: {} }, {}],
    ["logisticRegression (gradient)", binary, "binary", { algorithm: "logisticRegression", params: { solver: "gradient", numSteps: 100 } }, {}],
    ["randomForest classifier", binary, "binary", { algorithm: "randomForest", params: { nEstimators: 15 } }, {}],
    ["mlRandomForest classifier", binary, "binary", { algorithm: "mlRandomForest", params: { nEstimators: 5 } }, {}],
  ];
  it.each(cases)("%s: contributions sum to prediction − base, the base is the training mean / prevalence", (_, table, task, candidate, preprocess) => {
    const m = fitModel(table, task, candidate, preprocess);
    const y = table.target!;
    const base = y.reduce((s, v) => s + v, 0) / y.length;
    for (const row of [probe, table.rows[0], table.rows[5], { x: null, c: "unseen", b: null }]) {
      const e = m.explain(row);
      expect(e.base).toBeCloseTo(base, 10);
      expect(e.prediction).toBeCloseTo(m.predict([row])[0], 10);
      expect(sum(e)).toBeCloseTo(e.prediction - e.base, 8);
      expect(e.contributions).toHaveLength(3);
    }
  });

  it("scales inputs by default for linear models, not for forests; log1p only when asked", () => {
    expect(fitModel(regression, "regression", { algorithm: "linearRegression", params: {} }).preprocessor.options.scale).toBe(true);
    const forest = fitModel(regression, "regression", { algorithm: "randomForest", params: { nEstimators: 2 } });
    expect(forest.preprocessor.options.scale).toBe(false);
    expect(forest.preprocessor.options.targetTransform).toBe("none");
    expect(() => fitModel(binary, "binary", { algorithm: "randomForest", params: {} }, { targetTransform: "log1p" })).toThrow('preprocess: targetTransform "log1p" applies to regression, found a binary task');
  });

  it("forest attributions credit the feature that matters", () => {
    const m = fitModel(regression, "regression", { algorithm: "randomForest", params: { nEstimators: 30, maxFeatures: "all" } });
    const e = m.explain({ x: 4, c: "b", b: false });
    expect(e.contributions[0].feature).toBe("x");
    expect(e.contributions[0].contribution).toBeGreaterThan(0);
  });

  it("drops rows without a target", () => {
    const t: Table = { ...regression, target: regression.target!.map((v, i) => (i < 10 ? Number.NaN : v)) };
    const m = fitModel(t, "regression", { algorithm: "baseline", params: {} });
    const rest = regression.target!.slice(10);
    expect(m.predict([probe])[0]).toBeCloseTo(rest.reduce((s, v) => s + v, 0) / rest.length, 10);
  });

  it("refuses to explain a clustering model", () => {
    const m = fitModel({ features: regression.features, rows: regression.rows }, "clustering", { algorithm: "kmeans", params: { k: 3 } });
    expect(m.predict(regression.rows.slice(0, 3)).every((k) => k >= 0 && k < 3)).toBe(true);
    expect(() => m.explain(probe)).toThrow("explain: expected a regression or binary model, found a clustering model (kmeans)");
  });
});

describe("loadModel", () => {
  it("round-trips predictions and explanations through JSON", () => {
    for (const candidate of [{ algorithm: "randomForest", params: { nEstimators: 5 } }, { algorithm: "logisticRegression", params: {} }] as Candidate[]) {
      const m = fitModel(binary, "binary", candidate);
      const loaded = loadModel(JSON.parse(JSON.stringify(m.toJSON())));
      expect(loaded.predict(binary.rows)).toEqual(m.predict(binary.rows));
      expect(loaded.explain(probe)).toEqual(m.explain(probe));
      expect(loaded.algorithm).toBe(candidate.algorithm);
    }
  });

  it("refuses a foreign tag and a mismatched estimator", () => {
    expect(() => loadModel({ name: "RFClassifier" })).toThrow('Invalid model: expected a "resonanceModel", found "RFClassifier"');
    const json = fitModel(regression, "regression", { algorithm: "baseline", params: {} }).toJSON();
    expect(() => loadModel({ ...json, algorithm: "linearRegression" })).toThrow("Invalid model: the artifact says linearRegression for regression, its estimator is baseline for regression");
    expect(() => loadModel({ ...json, estimator: { name: "bogus", version: 1 } })).toThrow("Invalid model: expected an estimator tagged");
  });
});

describe("allocateContributions", () => {
  it("maps native contributions by the secant slope and shares the reference gap by the weights", () => {
    // Native 1 and −0.5 (sum 0.5), prediction 2, reference 1 → slope 2: 2 and −1; gap R − base = 1 − 0.5 shared 3:1.
    const c = allocateContributions([1, -0.5], { prediction: 2, reference: 1, base: 0.5, slope: 99 }, [3, 1]);
    expect(c[0]).toBeCloseTo(2 + 0.375, 12);
    expect(c[1]).toBeCloseTo(-1 + 0.125, 12);
  });
  it("uses the slope when the native contributions cancel", () => {
    expect(allocateContributions([1, -1], { prediction: 1, reference: 1, base: 1, slope: 0.25 })).toEqual([0.25, -0.25]);
  });
});
