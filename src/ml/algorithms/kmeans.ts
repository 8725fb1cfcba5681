import { kmeans } from "ml-kmeans";
import type { Estimator, EstimatorJSON } from "../estimator";
import { checkKnown, checkMatrix, choiceParam, notFitted, numberParam } from "./checks";

export interface KMeansParams {
  k: number;
  seed: number;
  maxIterations: number;
  initialization: "kmeans++" | "random" | "mostDistant";
}

export const defaultKMeansParams: Omit<KMeansParams, "k"> = { seed: 42, maxIterations: 100, initialization: "kmeans++" };

/**
 * k-means with ml-kmeans 6 (CommonJS; 7 is ESM-only), seeded kmeans++ by default. Keeps the
 * centroids; predict = the index of the nearest centroid (Euclidean), so it serves unseen rows.
 */
export class KMeans implements Estimator {
  readonly algorithm = "kmeans" as const;
  readonly task = "clustering" as const;
  readonly params: KMeansParams;
  private centroids: number[][] | null = null;

  constructor(params: Record<string, unknown> = {}) {
    const name = "kmeans";
    checkKnown(name, params, ["k", ...Object.keys(defaultKMeansParams)]);
    if (params.k === undefined) throw new Error(`${name}: expected a parameter k (the number of clusters), found none`);
    this.params = {
      k: numberParam(name, params, "k", 2, { min: 1, integer: true }),
      seed: numberParam(name, params, "seed", defaultKMeansParams.seed, { integer: true }),
      maxIterations: numberParam(name, params, "maxIterations", defaultKMeansParams.maxIterations, { min: 1, integer: true }),
      initialization: choiceParam(name, params, "initialization", ["kmeans++", "random", "mostDistant"], defaultKMeansParams.initialization),
    };
  }

  fit(X: number[][]): void {
    checkMatrix("kmeans", X);
    const { k, seed, maxIterations, initialization } = this.params;
    if (X.length < k) throw new Error(`kmeans: expected at least k = ${k} rows, found ${X.length}`);
    const result = kmeans(X, k, { seed, maxIterations, initialization });
    this.centroids = result.centroids.map((c) => Array.from(c));
  }

  /** The cluster centres, in the preprocessed (input) space. */
  get clusterCentroids(): number[][] {
    return (this.centroids ?? notFitted("kmeans")).map((c) => c.slice());
  }

  predict(X: number[][]): number[] {
    const centroids = this.centroids ?? notFitted("kmeans");
    return X.map((row) => {
      let best = 0;
      let bestD = Infinity;
      centroids.forEach((c, i) => {
        let d = 0;
        for (let j = 0; j < c.length; j++) d += (row[j] - c[j]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      return best;
    });
  }

  toJSON(): EstimatorJSON {
    return { name: "kmeans", version: 1, task: "clustering", params: this.params, centroids: this.centroids ?? notFitted("kmeans") };
  }

  static load(json: EstimatorJSON): KMeans {
    const centroids = json.centroids;
    if (!Array.isArray(centroids) || centroids.length === 0) throw new Error("Invalid model: expected kmeans centroids");
    const model = new KMeans((json.params as Record<string, unknown>) ?? { k: centroids.length });
    model.centroids = centroids as number[][];
    return model;
  }
}
