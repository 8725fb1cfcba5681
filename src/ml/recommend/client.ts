import path from "node:path";
import { WorkerClient } from "../../lib/worker-client";
import type { RecommenderOptions } from "./recommender";
import type { Recommendation } from "./types";
import type { RecommenderRequest, RecommenderResponse } from "./worker";

type Body<T> = T extends unknown ? Omit<T, "id"> : never;

/** The server's handle on the recommender worker: fit it, then rank with it. */
export class RecommenderClient {
  private readonly client: WorkerClient<Body<RecommenderRequest>, RecommenderResponse>;

  constructor(file = path.join(__dirname, "worker.js")) {
    this.client = new WorkerClient(file, "recommender");
  }

  private async send(req: Body<RecommenderRequest>, transfer: ArrayBuffer[] = []): Promise<RecommenderResponse> {
    const r = await this.client.request(req, transfer);
    if (r.error) throw new Error(`recommender: ${r.error}`);
    return r;
  }

  /** Fits in the worker; the typed arrays are transferred (unusable here afterwards). */
  async fit(data: Omit<Extract<Body<RecommenderRequest>, { type: "fit" }>, "type">) {
    const r = await this.send({ type: "fit", ...data }, [data.users.buffer as ArrayBuffer, data.items.buffer as ArrayBuffer, data.weights.buffer as ArrayBuffer, data.times.buffer as ArrayBuffer]);
    return r.fitted!;
  }

  async rank(history: Array<{ itemId: string; weight: number; time: number }>, k: number, exclude: string[], weights?: Partial<RecommenderOptions["weights"]>, segment?: number): Promise<Recommendation[]> {
    return (await this.send({ type: "rank", history, k, exclude, weights, segment })).list!;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
