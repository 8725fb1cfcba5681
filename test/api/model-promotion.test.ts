import "reflect-metadata";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot, readConfig } from "../../src/config";
import { toGlobalId } from "../../src/graphql/relay";
import { createLogger } from "../../src/lib/logger";
import { unpackArtifact } from "../../src/ml/artifact";
import { fitModel, loadModel } from "../../src/ml/model";
import { evaluate, subset } from "../../src/ml/selection";
import { holdoutSplit } from "../../src/ml/training/run-training";
import type { FittedModelJSON, Metrics } from "../../src/ml/types";
import { ModelCache, packArtifact } from "../../src/modules/models/model.cache";
import { ModelService } from "../../src/modules/models/model.service";
import { ModelSpecs, type ModelSpec } from "../../src/modules/models/model-specs";
import { ModelVersion } from "../../src/modules/models/model-version.entity";
import { FeatureStore } from "../../src/modules/predictions/feature-store";
import { closeServices, createServices, type Services } from "../../src/server";
import { seedDemoData } from "../../seeds/seed";
import { createTestDatabase, type TestDatabase } from "../support/database";

// Promotion compares a new version with the active one on the new version's held-out rows (the same
// rows, the same target): the audit saw virality v2 promoted for "prAuc 0.6742 beats active version 1's
// 0.4512" although 0.4512 was measured at v1's training, on older data with another viral threshold.
// The rows are those of entities stored after the active version was trained: it was refitted on every
// row of its own table, so on those it would be scored on its training data.
// Real trainings through the model service, in the built worker (`npm run build` first).

let database: TestDatabase;
let services: Services;
let models: ModelService;
let specsDir: string;
const logger = createLogger("silent");

type Holdout = {
  rows: number;
  model: Metrics;
  baseline: Metrics;
  decision: string;
  active?: { versionId: number; version: number; rows?: number; heldOut?: number; metrics?: Metrics; model?: Metrics; unscorable?: string } | null;
};
const holdoutOf = (v: ModelVersion) => v.holdoutMetrics as unknown as Holdout;
const specOf = (name: string): ModelSpec => {
  const entry = models.specEntry(name);
  if (!entry.ok) throw new Error(entry.error);
  return entry.spec;
};
/** As the service prints scores and gains. */
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4));
const signed = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(1)}%`;
const vsBaseline = (h: Holdout) => `prAuc ${fmt(h.model.prAuc!)} vs the baseline's ${fmt(h.baseline.prAuc!)} (${signed((h.model.prAuc! - h.baseline.prAuc!) / h.baseline.prAuc!)}, at least 2.0% required)`;

async function trainAndWait(name: string, whileTraining?: () => Promise<void>): Promise<ModelVersion> {
  const run = await models.train(name);
  let done = false;
  for (let i = 0; run.status === "RUNNING"; i++) {
    if (whileTraining && !done && run.stage !== "queued") {
      done = true;
      await whileTraining();
    }
    if (i > 1200) throw new Error(`training ${name} did not finish in 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(run).toMatchObject({ status: "SUCCEEDED", error: null });
  return (await models.versionById(run.versionId))!;
}

/**
 * The rows a version was held out on, rebuilt from the database (same spec, same seeded split), and
 * those of them whose post was stored after `after` was trained.
 */
async function heldOut(spec: ModelSpec, after: ModelVersion, features = spec.features) {
  const built = await new FeatureStore(services.db).tableFor({ ...spec, features });
  const split = holdoutSplit(built.table, spec.selection.holdout, spec.selection.seed, spec.task === "binary");
  const newer = new Set((await services.db.query<{ id: unknown }>(`SELECT "id" FROM "posts" WHERE "createdAt" > ?`, [after.createdAt])).map((r) => Number(r.id)));
  return { all: subset(built.table, split.test), fair: subset(built.table, split.test.filter((i) => newer.has(built.ids[i]))) };
}

/** More demo posts (and people, and interactions), stored now. */
const moreData = (seed: number) => seedDemoData(services, { seed, users: 200, posts: 600, interactions: 20000 });

const modelOf = (v: ModelVersion) => loadModel(unpackArtifact<FittedModelJSON>(v.artifact!));

/** Stores a hand-made version of a model and activates it. */
async function activateHandMade(name: string, version: number, features: Array<{ name: string; kind: "numeric" | "categorical" }>): Promise<ModelVersion> {
  const rows = Array.from({ length: 30 }, (_, k) => Object.fromEntries(features.map((f) => [f.name, f.kind === "numeric" ? k % 7 : `c${k % 3}`])));
  const fitted = fitModel({ features, rows, target: rows.map((_, k) => k % 2) }, "binary", { algorithm: "logisticRegression", params: { lambda: 1 } });
  const id = await services.db.write(async (tx) => {
    const [row] = await services.db.insertMany(
      tx,
      "model_versions",
      ModelVersion,
      ["modelName", "version", "status", "task", "spec", "createdAt", "artifact", "holdoutMetrics"],
      [{ modelName: name, version, status: "candidate", task: "binary", spec: { name, features }, createdAt: new Date(), artifact: packArtifact(fitted.toJSON()), holdoutMetrics: { model: { prAuc: 0.99 } } }],
      `RETURNING "id"`,
    );
    return Number(row.id);
  });
  return models.activate(toGlobalId("ModelVersion", id));
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = await createServices(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }), logger);
  await seedDemoData(services, { seed: 3, users: 400, posts: 300, interactions: 15000 });
  specsDir = mkdtempSync(path.join(os.tmpdir(), "resonance-specs-"));
  cpSync(path.join(projectRoot, "models"), specsDir, { recursive: true });
  // The service under test, with the compiled training worker.
  models = new ModelService(services.db, new ModelSpecs(specsDir), new FeatureStore(services.db), new ModelCache(services.db), logger, {
    workerFile: path.join(projectRoot, "dist", "src", "ml", "training", "train.worker.js"),
  });
}, 120_000);

afterAll(async () => {
  if (services) await closeServices(services);
  await database?.drop();
  if (specsDir) rmSync(specsDir, { recursive: true, force: true });
});

describe("promotion against the active version", () => {
  it("after new data, compares both on the held-out rows of posts newer than the active version, and says so", async () => {
    const v1 = await trainAndWait("virality");
    expect(v1.status).toBe("active");
    expect(holdoutOf(v1).active).toBeNull();
    // The data moves between trainings: 600 more posts, and the top-10% threshold moves with them.
    await moreData(4);
    const v2 = await trainAndWait("virality");
    expect((v2.dataStats as { viralThreshold: number }).viralThreshold).not.toBe((v1.dataStats as { viralThreshold: number }).viralThreshold);

    const h = holdoutOf(v2);
    const spec = specOf("virality");
    const { all, fair } = await heldOut(spec, v1);
    expect(all.rows).toHaveLength(h.rows);
    expect(fair.rows.length).toBeGreaterThanOrEqual(30);
    expect(fair.rows.length).toBeLessThan(h.rows);
    expect(h.active).toMatchObject({ versionId: v1.id, version: 1, rows: fair.rows.length, heldOut: h.rows });
    // The same rows and target, rebuilt here: version 1's model scored on them gives the recorded figures…
    const v1Fair = evaluate(modelOf(v1), fair);
    expect(h.active!.metrics!.prAuc).toBeCloseTo(v1Fair.prAuc!, 12);
    expect(h.active!.metrics!.rocAuc).toBeCloseTo(v1Fair.rocAuc!, 12);
    // …which are not v1's figures from its own training (other rows, another threshold): the decision no longer uses those.
    const stale = holdoutOf(v1).model.prAuc!;
    expect(Math.abs(stale - v1Fair.prAuc!)).toBeGreaterThan(1e-3);
    expect(h.decision).not.toContain(fmt(stale));
    const v1All = evaluate(modelOf(v1), all).prAuc!;
    process.stderr.write(
      `virality v2 ${fmt(h.active!.model!.prAuc!)} vs v1 ${fmt(v1Fair.prAuc!)} on the ${fair.rows.length} held-out rows of newer posts; ` +
        `v1 on all ${h.rows} held-out rows (${h.rows - fair.rows.length} of them posts it was trained on) ${fmt(v1All)}; v1's own holdout said ${fmt(stale)}: ${v2.status}\n`,
    );

    const overActive = (h.active!.model!.prAuc! - v1Fair.prAuc!) / Math.abs(v1Fair.prAuc!);
    const overBaseline = (h.model.prAuc! - h.baseline.prAuc!) / Math.abs(h.baseline.prAuc!);
    expect(overBaseline).toBeGreaterThanOrEqual(spec.promotion.minGainOverBaseline);
    const same = `on the same ${fair.rows.length} of the ${h.rows} held-out rows (the others are of entities active version 1 was trained on), prAuc ${fmt(h.active!.model!.prAuc!)}`;
    const end = `; on all ${h.rows} held-out rows, ${vsBaseline(h)}`;
    if (overActive >= spec.promotion.margin) {
      expect(v2.status).toBe("active");
      expect(h.decision).toBe(`activated: ${same} beats active version 1's ${fmt(v1Fair.prAuc!)} by ${(overActive * 100).toFixed(1)}% (margin 0.5%)${end}`);
    } else {
      expect(v2.status).toBe("candidate");
      expect(h.decision).toBe(`kept as a candidate: ${same} does not beat active version 1's ${fmt(v1Fair.prAuc!)} by the 0.5% margin (${signed(overActive)})${end}`);
    }
  });

  it("on unchanged data, compares with the active version's own holdout score on the same rows: a retraining does not replace it by itself", async () => {
    let active = (await models.activeVersion("virality"))!;
    if (active.version !== 2) active = await models.activate(toGlobalId("ModelVersion", (await models.versions("virality")).find((v) => v.version === 2)!.id));
    const v3 = await trainAndWait("virality");
    const h = holdoutOf(v3);
    const why = `only 0 of the ${h.rows} held-out rows are of entities newer than it, at least 30 needed (it was trained on the others)`;
    expect(h.active).toEqual({ versionId: active.id, version: 2, unscorable: why });
    // Same data, same split, same spec: the same score, so no gain over version 2's.
    const v2Holdout = holdoutOf(active);
    expect((h as unknown as { fingerprint: string }).fingerprint).toBe((v2Holdout as unknown as { fingerprint: string }).fingerprint);
    expect(h.model.prAuc).toBe(v2Holdout.model.prAuc);
    expect(v3.status).toBe("candidate");
    expect(h.decision).toBe(
      `kept as a candidate: on the same ${h.rows} held-out rows as active version 2's training (the data and split are unchanged), prAuc ${fmt(h.model.prAuc!)} does not beat its ${fmt(v2Holdout.model.prAuc!)} by the 0.5% margin (${signed(0)}); ${vsBaseline(h)} — activate this version to serve it`,
    );
  });

  it("after a spec change, scores the active version with its own features, built for the same rows", async () => {
    const active = (await models.activeVersion("virality"))!;
    await moreData(5);
    const file = path.join(specsDir, "virality.json");
    const raw = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...raw, features: raw.features.filter((f: string) => f !== "hashtagCount" && f !== "authorFollowers") }));
    const v = await trainAndWait("virality");
    const h = holdoutOf(v);
    const model = modelOf(active);
    expect(model.features.map((f) => f.name)).toContain("authorFollowers");
    expect(specOf("virality").features.map((f) => f.name)).not.toContain("authorFollowers");
    const { fair } = await heldOut(specOf("virality"), active, model.features);
    expect(h.active).toMatchObject({ versionId: active.id, rows: fair.rows.length, heldOut: h.rows });
    expect(h.active!.metrics!.prAuc).toBeCloseTo(evaluate(model, fair).prAuc!, 12);
    expect(h.decision).toMatch(new RegExp(`^(activated|kept as a candidate): on the same ${fair.rows.length} of the ${h.rows} held-out rows .*, prAuc `));
  });

  it("falls back to the baseline, saying why, when the active version's features no longer exist", async () => {
    const versions = await models.versions("virality");
    const gone = await activateHandMade("virality", versions[0].version + 1, [{ name: "moonPhase", kind: "numeric" }, { name: "mediaType", kind: "categorical" }]);
    const v = await trainAndWait("virality");
    const h = holdoutOf(v);
    const why = 'its feature "moonPhase" (numeric) no longer exists for a post model';
    expect(h.active).toEqual({ versionId: gone.id, version: gone.version, unscorable: why });
    expect(v.status).toBe("active");
    expect(h.decision).toBe(`activated: active version ${gone.version} could not be scored on this version's holdout — ${why} — so only the baseline was compared: ${vsBaseline(h)}`);
  });

  it("does not override a version activated by hand while it trained", async () => {
    const previous = (await models.versions("virality")).find((x) => x.version === 1)!;
    expect(previous.status).not.toBe("active");
    const v = await trainAndWait("virality", async () => {
      await models.activate(toGlobalId("ModelVersion", previous.id));
    });
    expect(v.status).toBe("candidate");
    expect(holdoutOf(v).decision).toBe(`kept as a candidate: version 1 was activated while this one trained, so it was not scored on this version's holdout; ${vsBaseline(holdoutOf(v))} — activate this version to serve it`);
    expect((await models.activeVersion("virality"))!.id).toBe(previous.id);
  });
});
