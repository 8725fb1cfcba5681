import { expandCandidates, expandGrid, gridSize } from "../../src/ml/grid";

describe("expandGrid", () => {
  const spec = { algorithm: "randomForest" as const, grid: { nEstimators: [50, 100], maxFeatures: ["sqrt", "third", 0.5], minSamplesLeaf: [1, 5] } };

  it("grid search: the cartesian product, first key slowest", () => {
    const c = expandGrid(spec);
    expect(gridSize(spec.grid)).toBe(12);
    expect(c).toHaveLength(12);
    expect(c[0]).toEqual({ algorithm: "randomForest", params: { nEstimators: 50, maxFeatures: "sqrt", minSamplesLeaf: 1 } });
    expect(c[1].params).toEqual({ nEstimators: 50, maxFeatures: "sqrt", minSamplesLeaf: 5 });
    expect(c[11].params).toEqual({ nEstimators: 100, maxFeatures: 0.5, minSamplesLeaf: 5 });
    expect(new Set(c.map((x) => JSON.stringify(x.params))).size).toBe(12);
  });

  it("an empty grid is one candidate with no parameters", () => {
    expect(expandGrid({ algorithm: "baseline", grid: {} })).toEqual([{ algorithm: "baseline", params: {} }]);
  });

  it("random search: `samples` distinct combinations, the same for a seed", () => {
    const a = expandGrid({ ...spec, search: "random", samples: 5 }, 7);
    expect(a).toHaveLength(5);
    expect(new Set(a.map((x) => JSON.stringify(x.params))).size).toBe(5);
    expect(expandGrid({ ...spec, search: "random", samples: 5 }, 7)).toEqual(a);
    expect(expandGrid({ ...spec, search: "random", samples: 50 }, 7)).toHaveLength(12);
  });

  it("random search over a huge grid stays cheap and distinct", () => {
    const grid = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, Array.from({ length: 10 }, (_, v) => v)]));
    const c = expandGrid({ algorithm: "randomForest", grid, search: "random", samples: 1000 }, 1);
    expect(new Set(c.map((x) => JSON.stringify(x.params))).size).toBe(1000);
  });

  it("says what it expected", () => {
    expect(() => expandGrid({ algorithm: "randomForest", grid: { nEstimators: [] } })).toThrow("randomForest: expected grid.nEstimators to be a non-empty list of values, found []");
    expect(() => expandGrid({ ...spec, search: "random" })).toThrow("randomForest: expected samples to be a whole number ≥ 1 for random search, found null");
  });

  it("expands several specs in order", () => {
    expect(expandCandidates([spec, { algorithm: "linearRegression", grid: { lambda: [0.1, 10] } }])).toHaveLength(14);
  });
});
