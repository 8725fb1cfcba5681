import { qualityReport, quartiles } from "../../src/ml/quality";
import type { Table } from "../../src/ml/types";

// Seven rows; row 6 repeats row 0; row 5 has no target.
const table: Table = {
  features: [
    { name: "a", kind: "numeric" },
    { name: "c", kind: "categorical" },
    { name: "k", kind: "numeric" },
    { name: "b", kind: "boolean" },
  ],
  rows: [
    { a: 1, c: "x", k: 5, b: true },
    { a: 2, c: "y", k: 5, b: false },
    { a: 3, c: "x", k: 5, b: true },
    { a: 4, c: null, k: 5, b: true },
    { a: 100, c: "x", k: 5, b: null },
    { a: null, c: "x", k: 5, b: false },
    { a: 1, c: "x", k: 5, b: true },
  ],
  target: [10, 20, 30, 40, 50, Number.NaN, 10],
};

describe("quartiles", () => {
  it("interpolates between order statistics", () => {
    // sorted 1 1 2 3 4 100: positions 1.25, 2.5, 3.75 → 1.25, 2.5, 3.75.
    expect(quartiles([1, 2, 3, 4, 100, 1])).toEqual([1.25, 2.5, 3.75]);
  });
});

describe("qualityReport", () => {
  const report = qualityReport(table, "regression", { folds: 3 });

  it("counts missing, distinct, constant, outliers and top levels per column", () => {
    const [a, c, k, b] = report.columns;
    expect(a).toEqual({ name: "a", kind: "numeric", missing: 1, distinct: 5, constant: false, quartiles: [1.25, 2.5, 3.75], outliers: 1 }); // 100 > 3.75 + 1.5 × 2.5
    expect(c).toEqual({ name: "c", kind: "categorical", missing: 1, distinct: 2, constant: false, topLevels: [{ level: "x", count: 5 }, { level: "y", count: 1 }] });
    expect(k).toMatchObject({ missing: 0, distinct: 1, constant: true, quartiles: [5, 5, 5], outliers: 0 });
    expect(b).toEqual({ name: "b", kind: "boolean", missing: 1, distinct: 2, constant: false });
  });

  it("counts duplicate rows and describes the target", () => {
    expect(report.rows).toBe(7);
    expect(report.duplicateRows).toBe(1);
    expect(report.target!.missing).toBe(1);
    expect(report.target!.mean).toBeCloseTo(160 / 6, 12);
    expect(report.target!.min).toBe(10);
    expect(report.target!.max).toBe(50);
  });

  it("says what cleaning the preprocessor will do", () => {
    expect(report.cleaning).toEqual(
      expect.arrayContaining([
        '"a": 1 missing value (14.3%) replaced by the training median (2.5), plus a 0/1 column "a=(missing)".',
        '"b": 1 missing value (14.3%) replaced by the training majority (true).',
        '"c": 2 levels one-hot encoded; 1 missing value (14.3%) put in "c=(other)"; unseen levels will also go to "c=(other)".',
        "1 row without a target (14.3%) left out of training and scoring.",
      ]),
    );
  });

  it("warns about constant columns, missing targets and duplicates; no errors for 3 folds", () => {
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(['"k" is constant and carries no information.', "1 duplicate rows (14.3%): identical features and target.", "1 rows (14.3%) have no target."]);
  });

  it("errors when the table is too small for the folds, empty, constant or without a target", () => {
    expect(qualityReport(table, "regression").errors).toEqual(["Expected at least 10 rows for 5-fold cross-validation, found 7."]);
    expect(qualityReport({ features: table.features, rows: [] }, "regression").errors).toEqual(["The table has no rows.", "Expected a target for a regression task, found none."]);
    expect(qualityReport({ ...table, target: table.rows.map(() => 3) }, "regression", { folds: 3 }).errors).toEqual(["The target is constant (3): there is nothing to learn."]);
    const flat: Table = { features: [{ name: "k", kind: "numeric" }], rows: table.rows.map(() => ({ k: 1 })), target: [1, 2, 3, 4, 5, 6, 7] };
    expect(qualityReport(flat, "regression", { folds: 3 }).errors).toEqual(["Every feature is constant: nothing can explain the target."]);
  });

  it("reports class balance and strong imbalance for a binary target", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ x: i }));
    const r = qualityReport({ features: [{ name: "x", kind: "numeric" }], rows, target: rows.map((_, i) => (i < 3 ? 1 : 0)) }, "binary");
    expect(r.target!.classBalance).toEqual({ "0": 37, "1": 3 });
    expect(r.errors).toEqual(["Expected at least 5 rows of each class for 5-fold cross-validation, found 3 positives."]);
    expect(r.warnings).toEqual(["Strong class imbalance: 7.5% positives (3 of 40); judge by rocAuc or prAuc, not accuracy."]);
  });
});

describe("qualityReport on a column missing in every row", () => {
  it("warns once, and says what cleaning does without a median or levels that do not exist", () => {
    const r = qualityReport(
      {
        features: [{ name: "age", kind: "numeric" }, { name: "job", kind: "categorical" }, { name: "x", kind: "numeric" }],
        rows: Array.from({ length: 20 }, (_, i) => ({ age: null, job: null, x: i })),
        target: Array.from({ length: 20 }, (_, i) => i % 2),
      },
      "binary",
    );
    expect(r.warnings.filter((w) => w.startsWith('"age"'))).toEqual(['"age" is missing in every row and carries no information.']);
    expect(r.warnings.filter((w) => w.startsWith('"job"'))).toEqual(['"job" is missing in every row and carries no information.']);
    expect(r.cleaning.find((c) => c.startsWith('"age"'))).toMatch(/^"age": every value is missing; read as 0/);
    expect(r.cleaning.find((c) => c.startsWith('"job"'))).toMatch(/^"job": every value is missing, so no level is one-hot encoded/);
    expect(r.errors).toEqual([]);
  });
});
