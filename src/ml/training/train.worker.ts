import { parentPort, workerData } from "node:worker_threads";
import { runTraining, type TrainJob } from "./run-training";

/**
 * Worker thread entry: runs one training job and posts progress, then the outcome or the error. The
 * server keeps answering requests on its own thread meanwhile.
 */
export type WorkerMessage =
  | { type: "progress"; done: number; total: number; label: string }
  | { type: "result"; outcome: ReturnType<typeof runTraining> }
  | { type: "error"; message: string; stack?: string };

const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  let last = 0;
  const progress = (done: number, total: number, label: string) => {
    const now = Date.now();
    if (now - last > 200 || done === total) {
      last = now;
      post({ type: "progress", done, total, label });
    }
  };
  const job = workerData as TrainJob | { kind: "sentiment" } | { kind: "ranking" };
  // Text models load wink-nlp and their trainer only when one is trained.
  const outcome =
    "kind" in job && job.kind === "sentiment"
      ? (require("../../nlp/learned/training") as typeof import("../../nlp/learned/training")).runSentimentTraining(job as import("../../nlp/learned/training").SentimentTrainJob, progress)
      : "kind" in job && job.kind === "ranking"
        ? (require("../recommend/training") as typeof import("../recommend/training")).runRankingTraining(job as import("../recommend/training").RankingTrainJob, progress)
        : runTraining(job as TrainJob, progress);
  post({ type: "result", outcome });
} catch (err) {
  post({ type: "error", message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
}
