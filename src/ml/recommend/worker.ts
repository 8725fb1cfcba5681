import { parentPort } from "node:worker_threads";
import { fitRecommender, type Recommender, type RecommenderOptions } from "./recommender";
import type { Interaction, Recommendation } from "./types";

/**
 * Worker thread that fits the recommender and ranks with it, so that neither a fit (seconds at a million
 * interactions) nor a first ranking (~10 ms at 100k posts) runs on the server's thread. Interactions
 * arrive as transferred typed arrays; the model never leaves the worker.
 */
export type RecommenderRequest =
  | {
      id: number;
      type: "fit";
      users: Int32Array;
      items: Int32Array;
      weights: Float32Array;
      times: Float64Array;
      catalogue: Array<{ id: string; features: string[] }>;
      options?: Partial<RecommenderOptions>;
      /** [userId, segmentId] pairs: members get their segment's popularity. */
      segments?: Array<[number, number]>;
    }
  | {
      id: number;
      type: "rank";
      history: Array<{ itemId: string; weight: number; time: number }>;
      k: number;
      exclude: string[];
      weights?: Partial<RecommenderOptions["weights"]>;
      segment?: number;
    };
export type RecommenderResponse = { id: number; list?: Recommendation[]; fitted?: { interactions: number; items: number; seconds: number }; error?: string };

let model: Recommender | null = null;

parentPort!.on("message", (req: RecommenderRequest) => {
  try {
    if (req.type === "fit") {
      const started = performance.now();
      const interactions: Interaction[] = new Array(req.users.length);
      for (let i = 0; i < req.users.length; i++) interactions[i] = { userId: String(req.users[i]), itemId: String(req.items[i]), weight: req.weights[i], time: req.times[i] };
      model = fitRecommender(interactions, req.catalogue, req.options ?? {});
      if (req.segments?.length) model.setSegments(new Map(req.segments.map(([u, g]) => [String(u), String(g)])));
      parentPort!.postMessage({ id: req.id, fitted: { interactions: interactions.length, items: req.catalogue.length, seconds: (performance.now() - started) / 1000 } } satisfies RecommenderResponse);
      return;
    }
    if (!model) throw new Error("the recommender is not fitted yet");
    const m = req.weights ? model.withOptions({ weights: { ...model.options.weights, ...req.weights } }) : model;
    parentPort!.postMessage({ id: req.id, list: m.recommendForHistory(req.history, req.k, req.exclude, req.segment === undefined ? undefined : String(req.segment)) } satisfies RecommenderResponse);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies RecommenderResponse);
  }
});
