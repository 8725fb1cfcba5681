import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SentimentPrediction } from "../learned-sentiment";
import type { ScorerRequest, ScorerResponse } from "./scorer.worker";

/**
 * Scores texts with a learned sentiment version in a worker thread (one, started on first use). The
 * version's artifact is sent only when the worker does not hold that version yet.
 */
export class LearnedScorer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ScorerResponse) => void; reject: (e: Error) => void }>();

  constructor(private readonly file = path.join(__dirname, "scorer.worker.js")) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file);
    worker.unref();
    worker.on("message", (r: ScorerResponse) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      p.resolve(r);
    });
    const fail = (err: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the sentiment scorer worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private send(req: Omit<ScorerRequest, "id">): Promise<ScorerResponse> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } satisfies ScorerRequest);
    });
  }

  async predict(versionId: number, artifact: () => string, texts: string[]): Promise<SentimentPrediction[]> {
    if (texts.length === 0) return [];
    let r = await this.send({ versionId, texts });
    if (r.needArtifact) r = await this.send({ versionId, texts, artifact: artifact() });
    if (r.error || !r.predictions) throw new Error(`learned sentiment scoring failed: ${r.error ?? "no predictions"}`);
    return r.predictions;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
