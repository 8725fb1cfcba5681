import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ModelsDocument, TrainingRunDocument, TrainModelDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { testDialect } from "../support/database";

// The response cache (on by default on SQLite) keeps a query's answer until the next database write. Answers
// that come from memory (a training run's progress) or from files (the model specs) change without a write,
// so they must be computed again on every request — while ordinary queries are still served from memory.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the response cache", () => {
  let api: TestServer;
  let specs: string;

  beforeAll(async () => {
    specs = mkdtempSync(path.join(os.tmpdir(), "resonance-specs-"));
    cpSync(path.join(__dirname, "../../models"), specs, { recursive: true });
    // Engagement searched over four gradient-boosting grid points: a run of a few seconds, polled while it goes.
    const engagement = JSON.parse(readFileSync(path.join(specs, "engagement.json"), "utf8"));
    engagement.candidates = [{ algorithm: "gradientBoosting", grid: { nEstimators: [300], learningRate: [0.05, 0.1], maxDepth: [2, 3], minSamplesLeaf: [5] } }];
    writeFileSync(path.join(specs, "engagement.json"), JSON.stringify(engagement));
    api = await startServer({ seed: true, env: { MODELS_DIR: specs, SEED: "3", SEED_USERS: "300", SEED_POSTS: "400", SEED_INTERACTIONS: "8000" } });
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(specs, { recursive: true, force: true });
  });

  it("still serves a repeated ordinary query from memory (no SQL the second time; on PostgreSQL the cache is off)", async () => {
    const q = `{ posts(first: 3) { nodes { id text } } }`;
    const first = await api.query(q);
    const second = await api.query(q);
    expect(second.data).toEqual(first.data);
    expect(first.extensions?.sqlStatements).toBeGreaterThan(0);
    if (testDialect === "sqlite") expect(second.extensions?.sqlStatements).toBe(0);
    else expect(second.extensions?.sqlStatements).toBe(first.extensions?.sqlStatements);
  });

  it("polling trainingRun shows the run moving, not its first answer again", async () => {
    const { trainModel } = await api.ok(TrainModelDocument, { name: "engagement" });
    const running: Array<{ progress: number; stage: string; seconds: number }> = [];
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { trainingRun } = await api.ok(TrainingRunDocument, { id: trainModel!.id });
      if (trainingRun.status !== "RUNNING") {
        expect(trainingRun).toMatchObject({ status: "SUCCEEDED", progress: 1, error: null });
        break;
      }
      running.push({ progress: trainingRun.progress, stage: trainingRun.stage, seconds: trainingRun.seconds });
      if (Date.now() > deadline) throw new Error("training did not finish in 120 s");
      await sleep(50);
    }
    expect(running.length).toBeGreaterThanOrEqual(3);
    // Each poll is a fresh answer: the clock moved, and so did the work.
    for (let i = 1; i < running.length; i++) expect(running[i].seconds).toBeGreaterThan(running[i - 1].seconds);
    expect(running.some((r) => r.progress > 0 && r.progress < 1)).toBe(true);
    expect(new Set(running.map((r) => r.stage)).size).toBeGreaterThan(1);
    // The same run seen through its version (node → ModelVersion.trainingRun) is finished too.
    const node = await api.ok<{ node: { trainingRun: { status: string; progress: number } } }, unknown>(
      `query($id: ID!) { node(id: $id) { ... on ModelVersion { trainingRun { status progress } } } }`,
      { id: trainModel!.modelVersionId },
    );
    expect(node.node.trainingRun).toEqual({ status: "SUCCEEDED", progress: 1 });
  });

  it("models and model report a spec file's validity as the file is now, without a restart", async () => {
    const file = path.join(specs, "virality.json");
    const good = readFileSync(file, "utf8");
    const One = `query($name: String!) { model(name: $name) { name valid specError } }`;
    const before = await api.ok(ModelsDocument);
    expect(before.models.find((m) => m.name === "virality")).toMatchObject({ valid: true, specError: null });
    expect((await api.ok<{ model: { valid: boolean } }, unknown>(One, { name: "virality" })).model.valid).toBe(true);

    writeFileSync(file, JSON.stringify({ ...JSON.parse(good), features: ["mediaType", "moonPhase"] }));
    const broken = await api.ok(ModelsDocument);
    expect(broken.models.find((m) => m.name === "virality")).toMatchObject({ valid: false, specError: expect.stringContaining('unknown feature "moonPhase"') });
    const brokenOne = await api.ok<{ model: { valid: boolean; specError: string | null } }, unknown>(One, { name: "virality" });
    expect(brokenOne.model).toMatchObject({ valid: false, specError: expect.stringContaining("moonPhase") });

    writeFileSync(file, good);
    const fixed = await api.ok(ModelsDocument);
    expect(fixed.models.find((m) => m.name === "virality")).toMatchObject({ valid: true, specError: null });
    const fixedOne = await api.ok<{ model: { valid: boolean; specError: string | null } }, unknown>(One, { name: "virality" });
    expect(fixedOne.model).toEqual({ name: "virality", valid: true, specError: null });
  });
});
