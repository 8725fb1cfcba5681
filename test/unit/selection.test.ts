import { compareResults, fitFold, selectionFolds, selectModel, evaluate } from "../../src/ml/selection";
import { fitModel } from "../../src/ml/model";
import type { CandidateResult, FeatureRow, SelectionSpec, Table } from "../../src/ml/types";

// y = 3x − 2z + 1 exactly: a linear model is perfect, a small forest is not.
const rows: FeatureRow[] = Array.from({ length: 40 }, (_, i) => ({ x: i, z: (i * 7) % 5, tag: i % 2 ? "odd" : "even" }));
const table: Table = {
  features: [
    { name: "x", kind: "numeric" },
    { name: "z", kind: "numeric" },
    { name: "tag", kind: "categorical" },
  ],
  rows,
  target: rows.map((r) => 3 * (r.x as number) - 2 * (r.z as number) + 1),
};
const spec: SelectionSpec = {
  task: "regression",
  metric: "mae",
  candidates: [
    { algorithm: "randomForest", grid: { nEstimators: [5], maxDepth: [2] } },
    { algorithm: "linearRegression", grid: { lambda: [0] } },
  ],
  cv: { folds: 4, seed: 3 },
};

describe("selectModel", () => {
  const progress: Array<[number, number]> = [];
  const result = selectModel(table, spec, (done, total) => progress.push([done, total]));

  it("picks the obviously better candidate and ranks best first", () => {
    expect(result.best.algorithm).toBe("linearRegression");
    // Exact inside the training range; a fold's test row beyond it (x = 0 or 39 held out) is read at the range's
    // edge, so the fold's error is not zero there.
    expect(result.best.mean.mae!).toBeLessThan(0.5);
    expect(result.candidates.map((c) => c.algorithm)).toEqual(["linearRegression", "randomForest"]);
    expect(result.baseline.mean.mae!).toBeGreaterThan(result.candidates[1].mean.mae!);
    expect(Object.keys(result.best.mean).sort()).toEqual(["mae", "mape", "r2", "rmse"]);
  });

  it("scores the baseline on the same folds: each fold's MAE is that of the training-fold mean on the test fold", () => {
    const folds = selectionFolds(table, spec);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    const y = table.target!;
    folds.forEach((fold, f) => {
      const mean = fold.train.reduce((s, i) => s + y[i], 0) / fold.train.length;
      const mae = fold.test.reduce((s, i) => s + Math.abs(y[i] - mean), 0) / fold.test.length;
      expect(result.baseline.folds[f].mae).toBeCloseTo(mae, 10);
    });
    expect(result.baseline.folds).toHaveLength(4);
    for (const c of result.candidates) expect(c.folds).toHaveLength(4);
  });

  it("reports progress over every candidate × fold, baseline included", () => {
    expect(progress).toHaveLength(12);
    expect(progress[11]).toEqual([12, 12]);
  });

  it("stratifies binary folds", () => {
    const labels = rows.map((_, i) => (i % 4 === 0 ? 1 : 0));
    const folds = selectionFolds({ ...table, target: labels }, { task: "binary", cv: { folds: 5, seed: 1 } });
    for (const f of folds) expect(f.test.filter((i) => labels[i] === 1)).toHaveLength(2);
  });

  it("chooses by the metric's direction and breaks ties by fit time", () => {
    const r = (auc: number, fitSeconds: number): CandidateResult => ({ algorithm: "randomForest", params: { auc, fitSeconds }, folds: [], mean: { rocAuc: auc, logLoss: 1 - auc }, std: {}, fitSeconds });
    const byAuc = [r(0.7, 1), r(0.9, 5), r(0.9, 2), r(Number.NaN, 0)].sort(compareResults("rocAuc"));
    expect(byAuc.map((c) => c.params)).toEqual([{ auc: 0.9, fitSeconds: 2 }, { auc: 0.9, fitSeconds: 5 }, { auc: 0.7, fitSeconds: 1 }, { auc: Number.NaN, fitSeconds: 0 }]);
    const byLoss = [r(0.7, 1), r(0.9, 5)].sort(compareResults("logLoss"));
    expect(byLoss[0].mean.rocAuc).toBe(0.9);
  });

  it("refuses a metric of another task", () => {
    expect(() => selectModel(table, { ...spec, metric: "rocAuc" })).toThrow("selection: expected a regression metric (mae, rmse, r2, mape), found \"rocAuc\"");
  });

  it("selects the number of clusters by silhouette", () => {
    const blobs: FeatureRow[] = Array.from({ length: 60 }, (_, i) => ({ a: (i % 3) * 10 + (i % 7) / 7, b: (i % 3) * -10 + (i % 5) / 5 }));
    const t: Table = { features: [{ name: "a", kind: "numeric" }, { name: "b", kind: "numeric" }], rows: blobs };
    const r = selectModel(t, { task: "clustering", metric: "silhouette", candidates: [{ algorithm: "kmeans", grid: { k: [2, 3, 5] } }], cv: { folds: 3, seed: 1 } });
    expect(r.best.params).toEqual({ k: 3 });
    expect(r.best.mean.silhouette!).toBeGreaterThan(0.9);
    expect(r.baseline.mean.silhouette).toBe(0);
  });
});

describe("no leakage", () => {
  it("fits preprocessing statistics on the training fold only", () => {
    // Training rows x = 1..5 (one missing), test rows x = 1000…: the fold's median and mean ignore the test rows.
    const t: Table = {
      features: [{ name: "x", kind: "numeric" }],
      rows: [{ x: 1 }, { x: 2 }, { x: null }, { x: 4 }, { x: 5 }, { x: 1000 }, { x: 2000 }, { x: 3000 }],
      target: [1, 2, 3, 4, 5, 6, 7, 8],
    };
    const { model } = fitFold(t, "regression", { algorithm: "linearRegression", params: {} }, { train: [0, 1, 2, 3, 4], test: [5, 6, 7] });
    const plan = model.preprocessor.plans[0];
    expect(plan.kind === "numeric" && plan.median).toBe(3); // median of 1, 2, 4, 5
    expect(plan.kind === "numeric" && plan.mean).toBe(3); // mean of 1, 2, 3 (imputed), 4, 5
  });
});

describe("evaluate", () => {
  it("scores binary predictions with every binary metric", () => {
    const t: Table = { features: [{ name: "x", kind: "numeric" }], rows: [{ x: 0 }, { x: 1 }, { x: 2 }, { x: 3 }], target: [0, 0, 1, 1] };
    const m = fitModel(t, "binary", { algorithm: "baseline", params: {} });
    const metrics = evaluate(m, t);
    expect(metrics.rocAuc).toBe(0.5);
    expect(metrics.logLoss).toBeCloseTo(Math.log(2), 12);
    expect(metrics.accuracy).toBe(0.5); // P = 0.5 ≥ 0.5 → every row predicted 1
    expect(metrics.recall).toBe(1);
  });
});
