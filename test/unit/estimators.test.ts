import MlLogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import { createEstimator, estimatorFromJSON } from "../../src/ml/estimator";
import { fitLogisticNewton } from "../../src/ml/algorithms/logistic-regression";
import { rocAuc } from "../../src/ml/metrics";

const roundTrip = <T extends { toJSON(): unknown }>(e: T) => estimatorFromJSON(JSON.parse(JSON.stringify(e.toJSON())));

describe("baseline", () => {
  it("predicts the training mean (regression) and the prevalence (binary)", () => {
    const r = createEstimator("regression", { algorithm: "baseline", params: {} });
    r.fit([[0], [0], [0], [0]], [1, 2, 3, 6]);
    expect(r.predict([[5]])).toEqual([3]);
    const b = createEstimator("binary", { algorithm: "baseline", params: {} });
    b.fit([[0], [0], [0], [0]], [0, 1, 1, 1]);
    expect(b.predict([[1], [2]])).toEqual([0.75, 0.75]);
    expect(roundTrip(b).predict([[0]])).toEqual([0.75]);
  });
});

describe("linearRegression", () => {
  it("recovers y = 2x + 1 without a penalty", () => {
    const X = Array.from({ length: 10 }, (_, i) => [i]);
    const e = createEstimator("regression", { algorithm: "linearRegression", params: { lambda: 0 } });
    e.fit(X, X.map(([x]) => 2 * x + 1));
    const { weights, intercept } = e.coefficients!();
    expect(weights[0]).toBeCloseTo(2, 10);
    expect(intercept).toBeCloseTo(1, 10);
    expect(roundTrip(e).predict([[100]])[0]).toBeCloseTo(201, 8);
  });

  it("shrinks the weight by ridge, w = Σxy / (Σx² + λ), and never the intercept", () => {
    // x = −1, 0, 1; y = 8, 10, 12: Σxy = 4, Σx² = 2, λ = 2 → w = 1; intercept = ȳ − w·x̄ = 10.
    const e = createEstimator("regression", { algorithm: "linearRegression", params: { lambda: 2 } });
    e.fit([[-1], [0], [1]], [8, 10, 12]);
    const { weights, intercept } = e.coefficients!();
    expect(weights[0]).toBeCloseTo(1, 10);
    expect(intercept).toBeCloseTo(10, 10);
  });

  it("handles a fully one-hot design (collinear with the intercept) through the penalty", () => {
    const X = [[1, 0], [1, 0], [0, 1], [0, 1]];
    const e = createEstimator("regression", { algorithm: "linearRegression", params: {} });
    e.fit(X, [1, 1, 5, 5]);
    // Centred design rows ±(½, −½), ȳ = 3, centred y ∓2: XᵀX = [[1, −1], [−1, 1]], Xᵀy = (−4, 4).
    // With λ = 1: [[2, −1], [−1, 2]] w = (−4, 4) → w = (−4/3, 4/3); predictions 3 ∓ 4/3.
    const { weights } = e.coefficients!();
    expect(weights[0]).toBeCloseTo(-4 / 3, 10);
    expect(weights[1]).toBeCloseTo(4 / 3, 10);
    const [a, b] = e.predict([[1, 0], [0, 1]]);
    expect(a).toBeCloseTo(5 / 3, 10);
    expect(b).toBeCloseTo(13 / 3, 10);
  });
});

describe("logisticRegression", () => {
  // x = −1: P(y=1) = 1/4; x = +1: P = 3/4 → b − w = −ln 3, b + w = ln 3 → b = 0, w = ln 3.
  const X = [[-1], [-1], [-1], [-1], [1], [1], [1], [1]];
  const y = [0, 0, 0, 1, 0, 1, 1, 1];

  it("newton: finds the maximum-likelihood weights of a hand-worked table", () => {
    const r = fitLogisticNewton(X, y, { lambda: 0, maxIterations: 50, tolerance: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.weights[0]).toBeCloseTo(Math.log(3), 8);
    expect(r.intercept).toBeCloseTo(0, 8);
  });

  it("newton: an uninformative column gets weight 0 and the intercept is the log-odds of the prevalence", () => {
    const e = createEstimator("binary", { algorithm: "logisticRegression", params: { lambda: 1 } });
    e.fit([[0], [0], [0], [0]], [1, 1, 1, 0]);
    expect(e.predict([[0]])[0]).toBeCloseTo(0.75, 8);
  });

  it("newton: separable data gives probabilities near 0 and 1 and an AUC of 1", () => {
    const Xs = [[-3], [-2.5], [-2], [-1.5], [1.5], [2], [2.5], [3]];
    const ys = [0, 0, 0, 0, 1, 1, 1, 1];
    const e = createEstimator("binary", { algorithm: "logisticRegression", params: { lambda: 0.01 } });
    e.fit(Xs, ys);
    const p = e.predict(Xs);
    expect(Math.max(...p.slice(0, 4))).toBeLessThan(0.01);
    expect(Math.min(...p.slice(4))).toBeGreaterThan(0.99);
    expect(rocAuc(ys, p)).toBe(1);
    expect(roundTrip(e).predict(Xs)).toEqual(p);
  });

  it("gradient: trains exactly ml-logistic-regression's classifier 0, whose scores are P(y = 1)", () => {
    const e = createEstimator("binary", { algorithm: "logisticRegression", params: { solver: "gradient", numSteps: 50, learningRate: 0.1 } });
    e.fit(X, y);
    const lib = new MlLogisticRegression({ numSteps: 50, learningRate: 0.1 });
    const withOne = new Matrix(X.map((r) => [...r, 1]));
    lib.train(withOne, Matrix.columnVector(y));
    expect(e.predict(X)).toEqual(lib.classifiers[0].testScores(withOne));
    expect(e.predict([[1]])[0]).toBeGreaterThan(0.5); // P(y = 1), not the library's inverted one-vs-all score
    expect(roundTrip(e).predict(X)).toEqual(e.predict(X));
  });

  it("refuses a parameter of the other solver", () => {
    expect(() => createEstimator("binary", { algorithm: "logisticRegression", params: { numSteps: 5 } })).toThrow('logisticRegression: parameter "numSteps" applies to the gradient solver, found it with solver "newton"');
  });
});

describe("forests", () => {
  const X = Array.from({ length: 60 }, (_, i) => [i % 30, (i * 7) % 11]);
  const y = X.map(([a]) => (a >= 15 ? 1 : 0));

  it("randomForest: binary output is P(class 1)", () => {
    const e = createEstimator("binary", { algorithm: "randomForest", params: { nEstimators: 20, maxFeatures: "all", seed: 3 } });
    e.fit(X, y);
    const [low, high] = e.predict([[2, 5], [28, 5]]);
    expect(low).toBeLessThan(0.1);
    expect(high).toBeGreaterThan(0.9);
    expect(roundTrip(e).predict([[2, 5]])).toEqual([low]);
  });

  it("mlRandomForest: probabilities are vote fractions of the trees", () => {
    const e = createEstimator("binary", { algorithm: "mlRandomForest", params: { nEstimators: 5, seed: 1 } });
    e.fit(X, y);
    const p = e.predict(X);
    for (const v of p) expect(Math.abs(v * 5 - Math.round(v * 5))).toBeLessThan(1e-12);
    expect(rocAuc(y, p)).toBeGreaterThan(0.95);
    expect(roundTrip(e).predict(X)).toEqual(p);
  });

  it("mlRandomForest: regression passes options through", () => {
    const e = createEstimator("regression", { algorithm: "mlRandomForest", params: { nEstimators: 3, maxSamples: 40 } });
    e.fit(X, X.map(([a]) => a * 2));
    expect(e.predict([[29, 0]])[0]).toBeGreaterThan(40);
  });
});

describe("kmeans", () => {
  it("finds two blobs and assigns new rows to the nearest centroid", () => {
    const X = [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]];
    const e = createEstimator("clustering", { algorithm: "kmeans", params: { k: 2, seed: 7 } });
    e.fit(X, []);
    const labels = e.predict(X);
    expect(new Set(labels.slice(0, 3)).size).toBe(1);
    expect(labels[0]).not.toBe(labels[3]);
    expect(e.predict([[9, 9]])[0]).toBe(labels[3]);
    expect(roundTrip(e).predict([[0.5, 0.5]])).toEqual([labels[0]]);
  });
});

describe("estimatorFromJSON / createEstimator", () => {
  it("refuses a foreign tag, an unknown parameter and a wrong task", () => {
    expect(() => estimatorFromJSON({ name: "RFClassifier" })).toThrow('Invalid model: expected an estimator tagged "baseline", "linearRegression", "logisticRegression", "randomForest", "gradientBoosting", "mlRandomForest", "kmeans", found "RFClassifier"');
    expect(() => createEstimator("regression", { algorithm: "randomForest", params: { nEstimator: 5 } })).toThrow('randomForest: unknown parameter "nEstimator"; expected one of nEstimators');
    expect(() => createEstimator("binary", { algorithm: "linearRegression", params: {} })).toThrow("linearRegression: expected a regression task, found binary");
    expect(() => createEstimator("regression", { algorithm: "randomForest", params: { nEstimators: 0 } })).toThrow("randomForest: expected nEstimators to be a whole number ≥ 1, found 0");
  });
});
