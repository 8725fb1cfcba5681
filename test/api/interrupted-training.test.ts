import { startServer } from "./support/server";
import { createTestDatabase } from "../support/database";
import { openSql } from "../support/sql";

const RunQuery = `query($id: ID!) { trainingRun(id: $id) { status error startedAt finishedAt seconds } }`;
type Run = { trainingRun: { status: string; error: string | null; startedAt: string; finishedAt: string | null; seconds: number } };

describe("a training a server stop interrupted", () => {
  it("is FAILED at the next start, with an end, so its run's seconds stop counting", async () => {
    const database = await createTestDatabase();
    try {
      // A server creates the tables; a version is then left TRAINING, as a killed server leaves it.
      await (await startServer({ database })).stop();
      const sql = await openSql(database.url);
      const started = new Date(Date.now() - 60_000);
      try {
        await sql.all(`INSERT INTO "model_versions" ("modelName", "version", "status", "task", "spec", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`, ["engagement", 1, "training", "regression", "{}", database.url.startsWith("sqlite:") ? started.toISOString().replace("T", " ").replace("Z", "") : started]);
      } finally {
        await sql.close();
      }
      const server = await startServer({ database });
      try {
        const first = (await server.ok<Run, { id: string }>(RunQuery, { id: Buffer.from("TrainingRun:1").toString("base64") })).trainingRun;
        expect(first).toMatchObject({ status: "FAILED", error: expect.stringMatching(/^interrupted: the server stopped during training/) });
        expect(first.finishedAt).not.toBeNull();
        expect(Date.parse(first.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(first.startedAt));
        expect(first.seconds).toBeGreaterThanOrEqual(59);
        await new Promise((r) => setTimeout(r, 1100));
        const later = (await server.ok<Run, { id: string }>(RunQuery, { id: Buffer.from("TrainingRun:1").toString("base64") })).trainingRun;
        expect(later.seconds).toBe(first.seconds);
        expect(later.finishedAt).toBe(first.finishedAt);
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
