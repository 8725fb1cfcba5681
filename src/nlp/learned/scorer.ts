import path from "node:path";
import { WorkerClient } from "../../lib/worker-client";
import type { SentimentPrediction } from "../learned-sentiment";
import type { ScorerRequest, ScorerResponse } from "./scorer.worker";

/**
 * Scores texts with a learned sentiment version in a worker thread (one, started on first use). The
 * version's artifact is sent only when the worker does not hold that version yet.
 */
export class LearnedScorer {
  private readonly client: WorkerClient<Omit<ScorerRequest, "id">, ScorerResponse>;

  constructor(file = path.join(__dirname, "scorer.worker.js")) {
    this.client = new WorkerClient(file, "sentiment scorer");
  }

  async predict(versionId: number, artifact: () => string, texts: string[]): Promise<SentimentPrediction[]> {
    if (texts.length === 0) return [];
    let r = await this.client.request({ versionId, texts });
    if (r.needArtifact) r = await this.client.request({ versionId, texts, artifact: artifact() });
    if (r.error || !r.predictions) throw new Error(`learned sentiment scoring failed: ${r.error ?? "no predictions"}`);
    return r.predictions;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
