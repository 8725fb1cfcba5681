/**
 * Types for ml-logistic-regression 2.0.0, which ships none (read from its lib/logreg.js). Inputs are
 * ml-matrix `Matrix` objects; see the adapter in algorithms/logistic-regression.ts for its pitfalls.
 */
declare module "ml-logistic-regression" {
  type Matrix = import("ml-matrix").Matrix;

  namespace LogisticRegression {
    interface TwoClassesOptions {
      numSteps?: number;
      learningRate?: number;
      weights?: number[][] | Matrix | null;
    }
    interface TwoClassesJSON {
      numSteps: number;
      learningRate: number;
      weights: Matrix | number[][] | null;
    }
    /** One sigmoid model trained by batch gradient ascent (not exported by the package; reachable through `classifiers`). */
    interface TwoClasses {
      numSteps: number;
      learningRate: number;
      weights: Matrix | null;
      /** `target` is a column vector of 0/1. */
      train(features: Matrix, target: Matrix): void;
      /** sigmoid(features · weightsᵀ) per row. */
      testScores(features: Matrix): number[];
      predict(features: Matrix): number[];
      toJSON(): TwoClassesJSON;
    }
    interface TwoClassesConstructor {
      new (options?: TwoClassesOptions): TwoClasses;
    }
    interface Options {
      numSteps?: number;
      learningRate?: number;
      classifiers?: TwoClasses[];
      numberClasses?: number;
    }
    interface ModelJSON {
      name: "LogisticRegression";
      numSteps: number;
      learningRate: number;
      numberClasses: number;
      classifiers: Array<TwoClasses | TwoClassesJSON>;
    }
  }

  class LogisticRegression {
    constructor(options?: LogisticRegression.Options);
    numSteps: number;
    learningRate: number;
    numberClasses: number;
    /** One-vs-all: classifier i is trained with class i → 0 and every other class → 1. */
    classifiers: LogisticRegression.TwoClasses[];
    /** `Y` is a column vector of class indices 0..k−1. */
    train(X: Matrix, Y: Matrix): void;
    /** The class whose one-vs-all score is lowest. */
    predict(X: Matrix): number[];
    toJSON(): LogisticRegression.ModelJSON;
    static load(model: LogisticRegression.ModelJSON): LogisticRegression;
  }

  export = LogisticRegression;
}
