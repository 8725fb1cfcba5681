import { TrainingRunDocument, TrainModelDocument } from "../__generated__/graphql";
import type { TestServer } from "./server";

/** Starts training `name` and polls its run until it ends; it must have succeeded. */
export async function trainAndWait(server: TestServer, name: string, pollMs = 200): Promise<void> {
  const { trainModel } = await server.ok(TrainModelDocument, { name });
  for (let i = 0; i < 600; i++) {
    const { trainingRun } = await server.ok(TrainingRunDocument, { id: trainModel!.id });
    if (trainingRun.status !== "RUNNING") {
      expect(trainingRun).toMatchObject({ status: "SUCCEEDED", error: null });
      return;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`training ${name} did not finish in ${(600 * pollMs) / 1000} s`);
}
