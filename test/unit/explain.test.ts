import { permutationImportance, standardisedCoefficients } from "../../src/ml/explain";
import { fitModel } from "../../src/ml/model";
import type { FeatureRow, Table } from "../../src/ml/types";

const rows: FeatureRow[] = Array.from({ length: 40 }, (_, i) => ({ x: (i % 4) + 1, noise: (i * 13) % 7, kind: i % 2 ? "a" : "b" }));
const table: Table = {
  features: [
    { name: "x", kind: "numeric" },
    { name: "noise", kind: "numeric" },
    { name: "kind", kind: "categorical" },
  ],
  rows,
  target: rows.map((r) => 2 * (r.x as number)),
};

describe("permutationImportance", () => {
  const model = fitModel(table, "regression", { algorithm: "linearRegression", params: { lambda: 0 } });

  it("puts the feature the target depends on first and the others at zero", () => {
    const imp = permutationImportance(model, table, "mae", { repeats: 3, seed: 1 });
    expect(imp.map((i) => i.feature)[0]).toBe("x");
    expect(imp[0].importance).toBeGreaterThan(1);
    for (const other of imp.slice(1)) expect(Math.abs(other.importance)).toBeLessThan(1e-9);
  });

  it("is reproducible for a seed and reports a spread over repeats", () => {
    const a = permutationImportance(model, table, "rmse", { repeats: 4, seed: 9 });
    expect(permutationImportance(model, table, "rmse", { repeats: 4, seed: 9 })).toEqual(a);
    expect(a[0].std).toBeGreaterThan(0);
  });

  it("refuses a metric of another task", () => {
    expect(() => permutationImportance(model, table, "rocAuc")).toThrow('permutationImportance: expected a regression metric (mae, rmse, r2, mape), found "rocAuc"');
  });
});

describe("standardisedCoefficients", () => {
  it("is the weight per training standard deviation, whether or not inputs were scaled", () => {
    // x takes 1, 2, 3, 4 equally often: population std √1.25; y = 2x → 2·√1.25 per std.
    for (const scale of [true, false]) {
      const m = fitModel(table, "regression", { algorithm: "linearRegression", params: { lambda: 0 } }, { scale });
      const [top] = standardisedCoefficients(m);
      expect(top.feature).toBe("x");
      expect(top.coefficient).toBeCloseTo(2 * Math.sqrt(1.25), 8);
      expect(top.importance).toBeCloseTo(2 * Math.sqrt(1.25), 8);
    }
  });

  it("refuses a model without coefficients", () => {
    const m = fitModel(table, "regression", { algorithm: "randomForest", params: { nEstimators: 2 } });
    expect(() => standardisedCoefficients(m)).toThrow("standardisedCoefficients: expected a linearRegression or logisticRegression model, found randomForest");
  });
});
