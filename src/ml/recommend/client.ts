import path from "node:path";
import { Worker } from "node:worker_threads";
import type { RecommenderOptions } from "./recommender";
import type { Recommendation } from "./types";
import type { RecommenderRequest, RecommenderResponse } from "./worker";

type Pending = { resolve: (r: RecommenderResponse) => void; reject: (e: Error) => void };
type Body<T> = T extends unknown ? Omit<T, "id"> : never;

/** The server's handle on the recommender worker: fit it, then rank with it. */
export class RecommenderClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly file = path.join(__dirname, "worker.js")) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file);
    worker.unref();
    worker.on("message", (r: RecommenderResponse) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.error) p.reject(new Error(`recommender: ${r.error}`));
      else p.resolve(r);
    });
    const fail = (err: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the recommender worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private send(req: Body<RecommenderRequest>, transfer: ArrayBuffer[] = []): Promise<RecommenderResponse> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id }, transfer);
    });
  }

  /** Fits in the worker; the typed arrays are transferred (unusable here afterwards). */
  async fit(data: { users: Int32Array; items: Int32Array; weights: Float32Array; times: Float64Array; catalogue: Array<{ id: string; features: string[] }>; options?: Partial<RecommenderOptions>; segments?: Array<[number, number]> }) {
    const r = await this.send({ type: "fit", ...data }, [data.users.buffer as ArrayBuffer, data.items.buffer as ArrayBuffer, data.weights.buffer as ArrayBuffer, data.times.buffer as ArrayBuffer]);
    return r.fitted!;
  }

  async rank(history: Array<{ itemId: string; weight: number; time: number }>, k: number, exclude: string[], weights?: Partial<RecommenderOptions["weights"]>, segment?: number): Promise<Recommendation[]> {
    return (await this.send({ type: "rank", history, k, exclude, weights, segment })).list!;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
