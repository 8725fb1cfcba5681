import { binEdges, HistForestClassifier, HistForestRegressor } from "../../src/ml/algorithms/hist-forest";

describe("binEdges", () => {
  it("cuts half-way between distinct values when there are few of them", () => {
    expect(Array.from(binEdges([3, 1, 2, 2, 1], 64))).toEqual([1.5, 2.5, Infinity]);
  });
  it("makes at most maxBins quantile bins and keeps ties together", () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.floor(i / 10));
    const edges = binEdges(values, 8);
    expect(edges.length).toBeLessThanOrEqual(8);
    expect(edges[edges.length - 1]).toBe(Infinity);
    for (const e of edges.slice(0, -1)) expect(e % 1).toBeCloseTo(0.5, 12); // never between two equal values
  });
});

describe("HistForest", () => {
  // y = 1 exactly when x0 > 0.5; x1 is noise.
  const X = Array.from({ length: 200 }, (_, i) => [(i % 100) / 100, ((i * 37) % 101) / 101]);
  const y = X.map((r) => (r[0] > 0.5 ? 1 : 0));

  it("learns a one-feature threshold, with probabilities that sum to 1 and importance on that feature", () => {
    const forest = HistForestClassifier.train(X, y, { nEstimators: 20, maxFeatures: "all", seed: 1 });
    expect(forest.predict([[0.1, 0.5], [0.9, 0.5]])).toEqual([0, 1]);
    const [p] = forest.predictProbabilities([[0.9, 0.2]]);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(0.9);
    expect(forest.featureImportances[0]).toBeGreaterThan(0.9);
  });

  it("regresses a step function to its two levels", () => {
    const forest = HistForestRegressor.train(X, y.map((v) => v * 10 + 5), { nEstimators: 20, maxFeatures: "all", seed: 1 });
    const [low, high] = forest.predict([[0.2, 0.3], [0.8, 0.3]]);
    expect(low).toBeCloseTo(5, 6);
    expect(high).toBeCloseTo(15, 6);
  });

  it("is reproducible for a seed and round-trips through JSON, refusing a foreign tag", () => {
    const a = HistForestRegressor.train(X, X.map((r) => r[0] * 3 + r[1]), { nEstimators: 5, seed: 9 });
    const b = HistForestRegressor.train(X, X.map((r) => r[0] * 3 + r[1]), { nEstimators: 5, seed: 9 });
    expect(a.toJSON()).toEqual(b.toJSON());
    const loaded = HistForestRegressor.load(JSON.parse(JSON.stringify(a)));
    expect(loaded.predict(X.slice(0, 10))).toEqual(a.predict(X.slice(0, 10)));
    expect(() => HistForestClassifier.load(a.toJSON())).toThrow('Invalid model: expected a "histForestClassifier", found "histForestRegressor"');
  });

  it("refuses missing values with the row and feature", () => {
    expect(() => HistForestRegressor.train([[1, 2], [Number.NaN, 1]], [1, 2])).toThrow("expected finite feature values, found NaN at row 1, feature 0 (impute first)");
  });
});

describe("HistForest node values and path attributions", () => {
  // One tree without bootstrap on x = 0, 1, 2, 3: the root (mean 5) splits at 1.5 into 0 and 10.
  const X = [[0], [1], [2], [3]];

  it("stores every node's row count and credits the split's change of the mean to its feature (regression)", () => {
    const forest = HistForestRegressor.train(X, [0, 0, 10, 10], { nEstimators: 1, bootstrap: false, maxFeatures: "all" });
    expect(forest.toJSON().trees[0].nodeCounts).toEqual([4, 2, 2]);
    expect(forest.contributions([3])).toEqual({ bias: 5, contributions: [5], prediction: 10 });
  });

  it("explains P(class 1) from the nodes' class frequencies (classification)", () => {
    const forest = HistForestClassifier.train(X, [0, 0, 1, 1], { nEstimators: 1, bootstrap: false, maxFeatures: "all" });
    expect(forest.toJSON().trees[0].nodeCounts).toEqual([4, 2, 2]);
    expect(forest.contributions([0])).toEqual({ bias: 0.5, contributions: [-0.5], prediction: 0 });
  });

  it("attributions sum to the forest's prediction", () => {
    const Xr = Array.from({ length: 200 }, (_, i) => [(i % 100) / 100, ((i * 37) % 101) / 101, i % 3]);
    const forest = HistForestRegressor.train(Xr, Xr.map((r) => r[0] * 3 + r[1] + r[2]), { nEstimators: 10, seed: 2 });
    const row = [0.3, 0.7, 2];
    const a = forest.contributions(row);
    expect(a.bias + a.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(forest.predict([row])[0], 10);
  });

  it("draws further features when the sampled ones cannot split a node", () => {
    // Nine constant columns and one informative one, one feature per split: the trees must still find it.
    const Xc = Array.from({ length: 100 }, (_, i) => [...new Array(9).fill(1), i]);
    const yc = Xc.map((r) => (r[9] >= 50 ? 1 : 0));
    const forest = HistForestClassifier.train(Xc, yc, { nEstimators: 10, maxFeatures: 0.1, seed: 4 });
    expect(forest.predict([[...new Array(9).fill(1), 10], [...new Array(9).fill(1), 90]])).toEqual([0, 1]);
  });
});
