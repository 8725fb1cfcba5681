import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TrainModelDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { trainAndWait } from "./support/training";
import { openSql } from "../support/sql";
import { testDialect } from "../support/database";

// A user model with `topic.*` among its features is served with the topics it was trained on; conversion
// and churn answer only for the people they were trained on; a spec the API would serve as something it
// is not (virality as a regression) is refused before anything is stored.
let api: TestServer;
let specs: string;

beforeAll(async () => {
  specs = mkdtempSync(path.join(os.tmpdir(), "resonance-served-"));
  cpSync(path.join(__dirname, "../../models"), specs, { recursive: true });
  const quick = [{ algorithm: "logisticRegression", grid: { lambda: [1] } }];
  for (const name of ["conversion", "churn"]) {
    const spec = JSON.parse(readFileSync(path.join(specs, `${name}.json`), "utf8"));
    spec.features = [...spec.features.filter((f: unknown) => typeof f === "string" || !String((f as { name: string }).name).startsWith("extra.")), "topic.*"];
    spec.candidates = quick;
    writeFileSync(path.join(specs, `${name}.json`), JSON.stringify(spec));
  }
  const virality = JSON.parse(readFileSync(path.join(specs, "virality.json"), "utf8"));
  writeFileSync(path.join(specs, "virality.json"), JSON.stringify({ ...virality, task: "regression", target: "shares", selection: { metric: "mae" }, candidates: [{ algorithm: "linearRegression" }] }));
  api = await startServer({ seed: true, env: { MODELS_DIR: specs, SEED: "3", SEED_USERS: "300", SEED_POSTS: "400", SEED_INTERACTIONS: "8000" } });
});

afterAll(async () => {
  await api?.stop();
  rmSync(specs, { recursive: true, force: true });
});

type People = { users: { nodes: Array<{ handle: string; isBrand: boolean; conversionProbability: { value: number; explanation: { summary: string } } | null; churnProbability: { value: number } | null }> } };
const People = `query($first: Int!) { users(first: $first) { nodes { handle isBrand conversionProbability { value explanation { summary } } churnProbability { value } } } }`;

describe("served models", () => {
  it("serve a conversion and a churn model trained with topic.* (the version keeps the topics it was trained on)", async () => {
    await trainAndWait(api, "conversion");
    await trainAndWait(api, "churn");
    const { model } = await api.ok<{ model: { versions: Array<{ features: string[] }> } }, unknown>(`{ model(name: "conversion") { versions { features } } }`);
    const features = model.versions[0].features;
    expect(features).not.toContain("topic.*");
    expect(features.filter((f) => f.startsWith("topic.")).length).toBeGreaterThan(3);
    const r = await api.query<People, unknown>(People, { first: 100 });
    expect(r.errors).toBeUndefined();
    const people = r.data!.users.nodes.filter((u) => !u.isBrand);
    expect(people.length).toBeGreaterThan(50);
    for (const u of people) {
      expect(u.conversionProbability!.value).toBeGreaterThanOrEqual(0);
      expect(u.conversionProbability!.value).toBeLessThanOrEqual(1);
      expect(u.conversionProbability!.explanation.summary.length).toBeGreaterThan(0);
    }
  });

  it("answer null for people the models never trained on: brand accounts, and churn for someone who never interacted", async () => {
    const r = await api.ok<People, unknown>(People, { first: 100 });
    const brands = r.users.nodes.filter((u) => u.isBrand);
    expect(brands.length).toBeGreaterThan(0);
    for (const b of brands) expect([b.conversionProbability, b.churnProbability]).toEqual([null, null]);
    await api.ok(UpsertUsersDocument, { users: [{ platform: "INSTAGRAM", handle: "just_joined", followers: 10 }] } as never);
    const fresh = await api.ok<{ users: { nodes: Array<{ conversionProbability: { value: number } | null; churnProbability: { value: number } | null }> } }, unknown>(
      `{ users(first: 1, filter: { handle: "just_joined" }) { nodes { conversionProbability { value } churnProbability { value } } } }`,
    );
    // Conversion is trained on everyone, active or not; churn only on people who were active.
    expect(fresh.users.nodes[0].conversionProbability?.value).toBeGreaterThanOrEqual(0);
    expect(fresh.users.nodes[0].churnProbability).toBeNull();

    // Churn answers for people active within its 30-day window, null for those quiet longer (they have churned).
    const sql = await openSql(api.database.url);
    const rows = await sql.all<{ userId: number | string; last: unknown }>(`SELECT "userId", MAX("occurredAt") AS "last" FROM "interactions" GROUP BY "userId"`);
    // PostgreSQL gives a Date, SQLite "YYYY-MM-DD HH:MM:SS.sss" in UTC.
    const timeOf = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(" ", "T")}${String(v).endsWith("Z") ? "" : "Z"}`));
    const newest = rows.reduce((m, r) => Math.max(m, timeOf(r.last)), 0);
    const quietDays = new Map(rows.map((r) => [Number(r.userId), (newest - timeOf(r.last)) / 86_400_000]));
    await sql.close();
    const everyone = await api.ok<{ users: { nodes: Array<{ id: string; isBrand: boolean; churnProbability: { value: number } | null }> } }, unknown>(`{ users(first: 100, filter: { isBrand: false }) { nodes { id isBrand churnProbability { value } } } }`);
    let quiet = 0;
    let active = 0;
    for (const u of everyone.users.nodes) {
      const days = quietDays.get(Number(Buffer.from(u.id, "base64").toString().split(":")[1]));
      if (days === undefined) continue;
      if (days >= 30.01) {
        quiet++;
        expect(u.churnProbability).toBeNull();
      } else if (days < 29.99) {
        active++;
        expect(u.churnProbability?.value).toBeGreaterThanOrEqual(0);
      }
    }
    expect(quiet).toBeGreaterThan(0);
    expect(active).toBeGreaterThan(0);
  });

  it("serve a version another process activated (npm run train against the same database)", async () => {
    await trainAndWait(api, "churn"); // version 2, beside version 1
    const Active = `{ model(name: "churn") { activeVersion { version } } users(first: 5, filter: { isBrand: false }) { nodes { churnProbability { modelVersion { version } } } } }`;
    type Active = { model: { activeVersion: { version: number } }; users: { nodes: Array<{ churnProbability: { modelVersion: { version: number } } | null }> } };
    const before = await api.ok<Active, unknown>(Active);
    const other = before.model.activeVersion.version === 1 ? 2 : 1;
    // What another process's activation writes.
    const sql = await openSql(api.database.url);
    await sql.all(`UPDATE "model_versions" SET "status" = 'retired' WHERE "modelName" = 'churn' AND "status" = 'active'`);
    await sql.all(`UPDATE "model_versions" SET "status" = 'active' WHERE "modelName" = 'churn' AND "version" = ?`, [other]);
    await sql.close();
    // SQLite notices the other connection's write at once; PostgreSQL trusts a cached answer for 5 s.
    if (testDialect === "postgres") await new Promise((r) => setTimeout(r, 5_100));
    const after = await api.ok<Active, unknown>(Active);
    expect(after.model.activeVersion.version).toBe(other);
    const served = after.users.nodes.flatMap((u) => (u.churnProbability ? [u.churnProbability.modelVersion.version] : []));
    expect(served.length).toBeGreaterThan(0);
    expect(new Set(served)).toEqual(new Set([other]));
  });

  it("refuse to train a spec the API would serve as something it is not", async () => {
    const r = await api.query(TrainModelDocument, { name: "virality" });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(r.errors?.[0].message).toContain('task: "virality" is served as Post.viralProbability and predictPost, which needs task "binary", found "regression"');
    const { models } = await api.ok<{ models: Array<{ name: string; valid: boolean; specError: string | null }> }, unknown>(`{ models { name valid specError } }`);
    expect(models.find((m) => m.name === "virality")).toMatchObject({ valid: false });
  });

  it("refuse to train churn, saying why, when the newest interactions move its cutoff past everyone else's", async () => {
    // Two likes recorded today, weeks after the rest of the demo data: the cutoff (newest − 30 days) passes
    // everyone's activity, so nearly nobody "stayed".
    const { users } = await api.ok<{ users: { nodes: Array<{ id: string; platform: string }> } }, unknown>(`{ users(first: 2, filter: { isBrand: false, platform: INSTAGRAM }) { nodes { id platform } } }`);
    const { posts } = await api.ok<{ posts: { nodes: Array<{ id: string }> } }, unknown>(`{ posts(first: 1, filter: { platform: INSTAGRAM }) { nodes { id } } }`);
    const now = new Date().toISOString();
    await api.ok(`mutation($i: [InteractionInput!]!) { recordInteractions(interactions: $i) { recorded } }`, {
      i: users.nodes.map((u, k) => ({ externalId: `late-${k}`, userId: u.id, postId: posts.nodes[0].id, type: "LIKE", occurredAt: now })),
    });
    const r = await api.query(TrainModelDocument, { name: "churn" });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(r.errors?.[0].message).toMatch(/^name: cannot train "churn": churn is learnt from the people active before the cutoff .* (\d) of \d+ stayed, at least 5 of each are needed/);
  });
});
