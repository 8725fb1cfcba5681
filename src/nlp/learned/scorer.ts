import path from "node:path";
import { WorkerClient } from "../../lib/worker-client";
import type { SentimentPrediction } from "../learned-sentiment";
import type { SentimentLabel } from "../sentiment";
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

  /** The version's predictions, and the classes it was trained on (a 2-class model never says neutral). */
  async predict(versionId: number, artifact: () => string, texts: string[]): Promise<{ predictions: SentimentPrediction[]; classes: SentimentLabel[] }> {
    let r = await this.client.request({ versionId, texts });
    if (r.needArtifact) r = await this.client.request({ versionId, texts, artifact: artifact() });
    if (r.error || !r.predictions || !r.classes) throw new Error(`learned sentiment scoring failed: ${r.error ?? "no predictions"}`);
    return { predictions: r.predictions, classes: r.classes };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
