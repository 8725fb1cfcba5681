import { forwardTarget, inverseTarget, Preprocessor } from "../../src/ml/preprocess";
import type { Table } from "../../src/ml/types";

// age: median of {10, 30, 20} = 20 → imputed [10, 20, 30, 20]; mean 20, std √50.
// city: "a" ×2, "b" ×1, missing ×1; with maxCategories 1 only "a" is kept.
// vip: true ×2, false ×1 → majority true.
const table: Table = {
  features: [
    { name: "age", kind: "numeric" },
    { name: "city", kind: "categorical" },
    { name: "vip", kind: "boolean" },
  ],
  rows: [
    { age: 10, city: "a", vip: true },
    { age: null, city: "b", vip: false },
    { age: 30, city: "a", vip: null },
    { age: 20, city: undefined, vip: true },
  ],
};
const s = Math.sqrt(50);

describe("Preprocessor", () => {
  it("imputes the training median, adds a missing indicator and names every output column", () => {
    const p = Preprocessor.fit(table, { maxCategories: 1 });
    expect(p.featureNames).toEqual(["age", "age=(missing)", "city=a", "city=(other)", "vip"]);
    expect(p.transform(table.rows)).toEqual([
      [10, 0, 1, 0, 1],
      [20, 1, 0, 1, 0],
      [30, 0, 1, 0, 1], // vip missing → majority (true)
      [20, 0, 0, 1, 1], // city missing → other
    ]);
  });

  it("one-hot encodes kept levels and sends an unseen level to (other)", () => {
    const p = Preprocessor.fit(table, { maxCategories: 5, missingIndicators: false });
    expect(p.featureNames).toEqual(["age", "city=a", "city=b", "city=(other)", "vip"]);
    // age 1 is below anything training saw (10–30): read as 10.
    expect(p.transform([{ age: 1, city: "zzz", vip: false }])).toEqual([[10, 0, 0, 1, 0]]);
    expect(p.sourceOf("city=(other)")).toBe("city");
    expect(p.sourceOf(0)).toBe("age");
    expect(() => p.sourceOf("nope")).toThrow("expected an output column (0–4 or a name from featureNames), found \"nope\"");
  });

  it("z-scales numeric columns with the training mean and std, constant columns to 0", () => {
    const t: Table = { features: [...table.features, { name: "k", kind: "numeric" }], rows: table.rows.map((r) => ({ ...r, k: 7 })) };
    const p = Preprocessor.fit(t, { scale: true, missingIndicators: false });
    const [row] = p.transform([{ age: 25, city: "a", vip: true, k: 123 }]);
    expect(row[0]).toBeCloseTo(5 / s, 12); // (25 − 20) / √50
    expect(row[row.length - 1]).toBe(0); // k was constant in training
    expect(p.outputMeans[0]).toBeCloseTo(0, 12);
    expect(p.outputStds[0]).toBeCloseTo(1, 12);
  });

  it("clamps a numeric value to the training range (a linear model would extrapolate without bound), and not one stored before", () => {
    const p = Preprocessor.fit(table, { scale: true, missingIndicators: false });
    const [high, low] = p.transform([{ age: 9_859, city: "a", vip: true }, { age: -5, city: "a", vip: true }]);
    expect(high[0]).toBeCloseTo(10 / s, 12); // read as 30, the largest training age: (30 − 20) / √50
    expect(low[0]).toBeCloseTo(-10 / s, 12); // read as 10
    const json = p.toJSON();
    const older = Preprocessor.fromJSON({ ...json, plans: json.plans.map((plan) => (plan.kind === "numeric" ? { ...plan, min: undefined, max: undefined } : plan)) });
    expect(older.transform([{ age: 40, city: "a", vip: true }])[0][0]).toBeCloseTo(20 / s, 12);
  });

  it("says how it reads a value when that differs from the value: a training-range edge, (other) for an unlearned level", () => {
    const p = Preprocessor.fit(table, { missingIndicators: false });
    expect(p.readAs("age", 9_859)).toBe(30);
    expect(p.readAs("age", -5)).toBe(10);
    expect(p.readAs("age", 25)).toBeUndefined();
    expect(p.readAs("age", null)).toBeUndefined(); // missing: the explanation says "unknown"
    expect(p.readAs("city", "a")).toBeUndefined();
    expect(p.readAs("city", "zürich")).toBe("(other)");
    expect(p.readAs("city", null)).toBeUndefined();
    expect(p.readAs("vip", false)).toBeUndefined();
    expect(p.readAs("nonsense", 1)).toBeUndefined();
    // A level training saw but did not keep (beyond maxCategories) is read as (other) too.
    const one = Preprocessor.fit(table, { maxCategories: 1 });
    expect(one.readAs("city", "b")).toBe("(other)");
    expect(one.readAs("city", "a")).toBeUndefined();
  });

  it("round-trips through JSON and refuses a foreign tag", () => {
    const p = Preprocessor.fit(table, { scale: true });
    const q = Preprocessor.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    expect(q.transform(table.rows)).toEqual(p.transform(table.rows));
    expect(q.featureNames).toEqual(p.featureNames);
    expect(() => Preprocessor.fromJSON({ name: "histForestRegressor" })).toThrow('Invalid model: expected a "preprocessor", found "histForestRegressor"');
  });

  it("says what it expected when a value has the wrong type", () => {
    expect(() => Preprocessor.fit({ features: [{ name: "age", kind: "numeric" }], rows: [{ age: "old" }] })).toThrow('feature "age" (numeric): expected a number, found "old" in row 0');
    expect(() => Preprocessor.fit(table, { maxCategories: 0 })).toThrow("preprocess: expected maxCategories to be a whole number ≥ 1, found 0");
  });

  it("gives a typical row for replacement explanations", () => {
    expect(Preprocessor.fit(table).referenceRow()).toEqual({ age: 20, city: "a", vip: true });
  });
});

describe("target transforms", () => {
  it("log1p and its inverse", () => {
    expect(forwardTarget([0, Math.E - 1], "log1p")).toEqual([0, 1]);
    expect(inverseTarget([0, 1], "log1p")[1]).toBeCloseTo(Math.E - 1, 12);
    expect(forwardTarget([3, 4], "none")).toEqual([3, 4]);
    expect(() => forwardTarget([1, -2], "log1p")).toThrow("log1p target: expected values > −1, found -2 in row 1");
  });
});
