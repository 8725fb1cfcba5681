import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ActivateModelVersionDocument,
  DeleteUserDocument,
  ModelDetailsDocument,
  ModelsDocument,
  PostPredictionsDocument,
  PostsDocument,
  PredictPostDocument,
  TrainingRunDocument,
  TrainModelDocument,
  UpsertPostsDocument,
  UpsertUsersDocument,
  UserPredictionsDocument,
  UsersDocument,
} from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";
import { generateDemoData } from "../../seeds/generate";
import { adjustedRandIndex } from "../../src/modules/segments/segment-profile";
import { createTestDatabase, type TestDatabase } from "../support/database";

const demo = { SEED: "3", SEED_USERS: "400", SEED_POSTS: "300", SEED_INTERACTIONS: "15000" };

let database: TestDatabase;
let api: TestServer;

async function trainAndWait(server: TestServer, name: string): Promise<string> {
  const started = await server.ok(TrainModelDocument, { name });
  expect(started.trainModel).toMatchObject({ modelName: name, status: "RUNNING" });
  // A run has an ID of its own type (Relay keys records by ID alone); its version's ID is beside it.
  expect(started.trainModel!.id).not.toBe(started.trainModel!.modelVersionId);
  expect(Buffer.from(started.trainModel!.id, "base64").toString()).toMatch(/^TrainingRun:\d+$/);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { trainingRun } = await server.ok(TrainingRunDocument, { id: started.trainModel!.id });
    if (trainingRun.status !== "RUNNING") {
      expect(trainingRun).toMatchObject({ status: "SUCCEEDED", error: null, progress: 1 });
      // The version's ID still finds its run (what trainModel answered before runs had IDs of their own).
      expect((await server.ok(TrainingRunDocument, { id: started.trainModel!.modelVersionId })).trainingRun.status).toBe("SUCCEEDED");
      return started.trainModel!.id;
    }
    if (Date.now() > deadline) throw new Error(`training ${name} did not finish in 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const metric = (list: Array<{ name: string; value?: number | null }>, name: string) => list.find((m) => m.name === name)?.value ?? Number.NaN;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startServer({ seed: true, env: demo, database });
});

afterAll(async () => {
  await api?.stop();
  await database?.drop();
});

describe("the model service over GraphQL", () => {
  it("lists the specs of models/", async () => {
    const { models } = await api.ok(ModelsDocument);
    expect(models.map((m) => m.name).sort()).toEqual(["churn", "conversion", "engagement", "recommendations", "segments", "sentiment", "virality"]);
    expect(models.every((m) => m.valid && m.activeVersion === null)).toBe(true);
    // A model has a stable ID (caches normalise it): the same from models and model(name), one per model.
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    const one = await api.ok<{ model: { id: string } }, unknown>(`{ model(name: "churn") { id } }`);
    expect(one.model.id).toBe(models.find((m) => m.name === "churn")!.id);
    const first = await api.ok(PostPredictionsDocument, { first: 2 });
    expect(first.posts.nodes.every((p) => p.predictedEngagement === null)).toBe(true);
  });

  it("trains engagement in a worker while reads are served, and explains the version", async () => {
    const started = await api.ok(TrainModelDocument, { name: "engagement" });
    // A read while the worker trains: answered, and the run is still going.
    const read = await api.ok(PostsDocument, { first: 5 });
    expect(read.posts.edges).toHaveLength(5);
    const during = await api.ok(TrainingRunDocument, { id: started.trainModel!.id });
    expect(["RUNNING", "SUCCEEDED"]).toContain(during.trainingRun.status);
    for (let i = 0; i < 600; i++) {
      const { trainingRun } = await api.ok(TrainingRunDocument, { id: started.trainModel!.id });
      if (trainingRun.status !== "RUNNING") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { model } = await api.ok(ModelDetailsDocument, { name: "engagement" });
    const v = model.versions[0];
    expect(v).toMatchObject({ version: 1, error: null, trainingRun: { status: "SUCCEEDED", progress: 1 } });
    expect(v.status).toBe("ACTIVE");
    expect(model.activeVersion?.id).toBe(v.id);
    // Cross-validation scored the baseline and every candidate of the grid (2 boosting depths + 1 forest + 2 ridge values).
    expect(v.crossValidation?.metric).toBe("mae");
    expect(v.crossValidation?.candidates).toHaveLength(5);
    expect(v.crossValidation?.candidates.filter((c) => c.winner)).toHaveLength(1);
    expect(v.crossValidation?.baseline.algorithm).toBe("baseline");
    // The winner beats the baseline on the held-out rows by at least the spec's 5%.
    expect(metric(v.holdout!.metrics, "mae")).toBeLessThan(0.95 * metric(v.holdout!.baseline, "mae"));
    expect(v.holdout?.decision).toMatch(/^activated/);
    expect(v.featureImportances.length).toBeGreaterThan(5);
    expect(v.qualityReport?.rows).toBe((v.dataStats as { rows: number }).rows);
    expect(v.qualityReport?.columns.find((c) => c.name === "mediaType")).toMatchObject({ kind: "categorical", missing: 0 });
  });

  it("predicts every post with the active version, each explained by contributions that add up", async () => {
    const { posts } = await api.ok(PostPredictionsDocument, { first: 10 });
    for (const p of posts.nodes) {
      const pred = p.predictedEngagement!;
      expect(pred).toMatchObject({ model: "engagement", unit: "engagements", modelVersion: { version: 1 } });
      expect(pred.value).toBeGreaterThanOrEqual(0);
      const e = pred.explanation;
      expect(e.prediction).toBeCloseTo(pred.value, 6);
      const sum = e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(sum).toBeCloseTo(e.prediction - e.base, 4);
      expect(e.summary).toMatch(/^Expected [\d.]+ engagements, against [\d.]+ engagements on average\./);
    }
  });

  it("scores a draft before it is published, with its explanation", async () => {
    const { users } = await api.ok(UsersDocument, { first: 1, filter: { isBrand: true }, orderBy: { field: "FOLLOWERS", direction: "DESC" } });
    const draft = { text: "New trail shoes drop Friday 🏃 #running #trail", mediaType: "VIDEO" as const, category: "running", authorId: users.edges[0].node.id, scheduledFor: "2026-11-06T18:00:00Z" };
    const r = await api.ok(PredictPostDocument, { draft });
    const e = r.predictPost.engagement!;
    expect(e.value).toBeGreaterThan(0);
    expect(e.modelVersion.version).toBe(1);
    expect(e.explanation.contributions.find((c) => c.feature === "mediaType")).toMatchObject({ label: "media type is VIDEO", value: "VIDEO", readAs: null });
    expect(e.explanation.contributions.find((c) => c.feature === "category")).toMatchObject({ value: "running", readAs: null });
    // What the model cannot read as given, the explanation says it read otherwise: a category it never learned
    // (listed even when it weighs nothing), a number beyond what training saw.
    const odd = (await api.ok(PredictPostDocument, { draft: { ...draft, category: "pottery", text: `${"clay ".repeat(1990)}#pottery` } })).predictPost.engagement!;
    expect(odd.explanation.contributions.find((c) => c.feature === "category")).toMatchObject({
      value: "pottery",
      readAs: "(other)",
      label: "topic / category is pottery (not a category the model learned: read as any other)",
    });
    const length = odd.explanation.contributions.find((c) => c.feature === "textLength");
    expect(length).toBeDefined();
    expect(Number(length!.readAs)).toBeLessThan(9958);
    expect(length!.label).toBe(`text length (characters) is 9958 (beyond the model's training: read as ${length!.readAs})`);
    expect(r.predictPost.viralProbability).toBeNull(); // no virality model trained yet
    const bad = await api.query(PredictPostDocument, { draft: { ...draft, authorId: Buffer.from("User:99999").toString("base64") } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "draft.authorId" });
    const { node } = await api.ok<{ node: { platform: string } }, unknown>(`query($id: ID!) { node(id: $id) { ... on User { platform } } }`, { id: draft.authorId });
    const elsewhere = node.platform === "TIKTOK" ? "INSTAGRAM" : "TIKTOK";
    const other = await api.query(PredictPostDocument, { draft: { ...draft, platform: elsewhere } as never });
    expect(other.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "draft.platform" });
    // A blank category is no category, as a post's is (its label said "topic / category is ").
    const blank = (await api.ok(PredictPostDocument, { draft: { ...draft, category: "   " } })).predictPost.engagement!;
    const none = (await api.ok(PredictPostDocument, { draft: { ...draft, category: null } })).predictPost.engagement!;
    expect(blank.value).toBe(none.value);
    expect(blank.explanation.contributions.find((c) => c.feature === "category")?.label ?? "topic / category unknown").toBe("topic / category unknown");
    // A planned time a post could not have (1900, ten years ahead) is refused as a post's publishedAt would be.
    for (const scheduledFor of ["1900-01-01T00:00:00Z", new Date(Date.now() + 10 * 365 * 86_400_000).toISOString()]) {
      const when = await api.query(PredictPostDocument, { draft: { ...draft, scheduledFor } });
      expect(when.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "draft.scheduledFor" });
      expect(when.errors?.[0].message).toMatch(/^draft\.scheduledFor: expected a date between 2004-01-01T00:00:00\.000Z and /);
    }
  });

  it("keeps every version, promotes only on a gain, and rolls back by activation", async () => {
    await trainAndWait(api, "engagement");
    const { model } = await api.ok(ModelDetailsDocument, { name: "engagement" });
    const [v2, v1] = model.versions;
    expect(v2.version).toBe(2);
    expect(["ACTIVE", "CANDIDATE"]).toContain(v2.status);
    expect(v2.holdout?.decision).toMatch(/^(activated|kept as a candidate)/);
    // Whatever the decision, activating v1 again makes it the one that serves.
    const back = await api.ok(ActivateModelVersionDocument, { id: v1.id });
    expect(back.activateModelVersion).toMatchObject({ id: v1.id, status: "ACTIVE" });
    const after = await api.ok(ModelDetailsDocument, { name: "engagement" });
    expect(after.model.activeVersion?.id).toBe(v1.id);
    expect(after.model.versions.filter((v) => v.status === "ACTIVE")).toHaveLength(1);
    const { posts } = await api.ok(PostPredictionsDocument, { first: 3 });
    expect(posts.nodes.every((p) => p.predictedEngagement?.modelVersion.version === 1)).toBe(true);
  });

  it("trains the conversion model and gives people a probability", async () => {
    await trainAndWait(api, "conversion");
    const { users } = await api.ok(UserPredictionsDocument, { first: 20 });
    const probs = users.nodes.map((u) => u.conversionProbability);
    const served = probs.filter((p) => p !== null);
    // The demo audience's buyers follow their personas: the version beats the baseline and serves everyone.
    expect(served).toHaveLength(20);
    for (const p of served) {
      expect(p!.unit).toBe("probability");
      expect(p!.value).toBeGreaterThanOrEqual(0);
      expect(p!.value).toBeLessThanOrEqual(1);
      const sum = p!.explanation.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(sum).toBeCloseTo(p!.explanation.prediction - p!.explanation.base, 4);
    }
  });

  it("trains the segments (k-means) model: k chosen by silhouette, beside a one-cluster baseline", async () => {
    await trainAndWait(api, "segments");
    const { model } = await api.ok(ModelDetailsDocument, { name: "segments" });
    const v = model.versions[0];
    expect(v).toMatchObject({ status: "ACTIVE", algorithm: "kmeans", error: null });
    expect(v.crossValidation?.metric).toBe("silhouette");
    // One candidate per k in the grid, each scored on the same folds; the winner has the best mean silhouette.
    const cands = v.crossValidation!.candidates;
    expect(cands.map((c) => (c.params as { k: number }).k).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8]);
    const best = Math.max(...cands.map((c) => metric(c.mean, "silhouette")));
    expect(metric(cands.find((c) => c.winner)!.mean, "silhouette")).toBe(best);
    expect(metric(v.holdout!.metrics, "silhouette")).toBeGreaterThan(metric(v.holdout!.baseline, "silhouette") + 0.05);
    expect(v.featureImportances.length).toBeGreaterThan(0);

    // Activation materialises the segments: every active person assigned, each segment profiled and named.
    type Seg = { id: string; name: string; description: string; size: number; share: number; activeHours: number[]; topTopics: Array<{ key: string }>; members: { totalCount: number; nodes: Array<{ handle: string }> } };
    // Asked at once: a read waits for the materialisation the activation queued (it answered [] for a moment).
    const segs = (await api.ok<{ segments: Seg[] }, unknown>(`{ segments { id name description size share activeHours topTopics { key } members(first: 3) { totalCount nodes { handle } } } }`)).segments;
    const k = (v.params as { k: number }).k;
    expect(segs).toHaveLength(k);
    expect(new Set(segs.map((s) => s.name)).size).toBe(k);
    for (const s of segs) {
      expect(s.name).toMatch(/^(?=[A-Z])([A-Za-z-]+ )*([Ll]ikers|[Cc]ommenters|[Ss]harers|[Cc]lickers|[Vv]iewers|[Ll]urkers)( — [a-z]+)?( & [a-z]+)?( \(\d+\))?$/);
      expect(s.description).toMatch(new RegExp(`^${s.size} people \\(\\d+% of the audience\\) who `));
      expect(s.members.totalCount).toBe(s.size);
    }
    expect(segs.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 10);

    // Segments recover the generator's hidden personas better than chance: adjusted Rand index of members vs personas.
    const personaOf = generateDemoData({ seed: Number(demo.SEED), users: Number(demo.SEED_USERS), posts: Number(demo.SEED_POSTS), interactions: Number(demo.SEED_INTERACTIONS) }).truth.personaOf;
    const seg: Array<string | number> = [];
    const persona: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { users: { nodes: Array<{ handle: string; segment: { id: string } | null }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await api.ok(
        `query($after: String) { users(first: 100, after: $after) { nodes { handle segment { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const u of page.users.nodes) {
        if (u.segment && personaOf.has(u.handle)) {
          seg.push(u.segment.id);
          persona.push(personaOf.get(u.handle)!);
        }
      }
      if (!page.users.pageInfo.hasNextPage) break;
      after = page.users.pageInfo.endCursor;
    }
    expect(seg.length).toBe(segs.reduce((sum, s) => sum + s.size, 0));
    const ari = adjustedRandIndex(seg, persona);
    process.stderr.write(`segments vs personas: adjusted Rand index ${ari.toFixed(3)} over ${seg.length} people, k = ${k}\n`);
    expect(ari).toBeGreaterThan(0.4);

    // A newcomer with no history but CRM attributes like a member's is served their lookalikes' segment's favourites.
    const member = await api.ok<{ users: { nodes: Array<{ attributes: { age: number | null; gender: string | null; job: string | null; country: string | null } | null; segment: { id: string } | null }> } }, unknown>(
      `{ users(first: 100) { nodes { attributes { age gender job country } segment { id } } } }`,
    );
    const lookalike = member.users.nodes.find((u) => u.segment && u.attributes?.job && u.attributes.country)!;
    const { upsertUsers } = await api.ok<{ upsertUsers: { items: Array<{ id: string }> } }, unknown>(
      `mutation($users: [UserInput!]!) { upsertUsers(users: $users) { items { id } } }`,
      { users: [{ platform: "INSTAGRAM", handle: "newcomer", attributes: lookalike.attributes }] },
    );
    const cold = await api.ok<{ recommendations: { nodes: Array<{ reason: string; source: string }> } }, unknown>(
      `query($id: ID!) { recommendations(userId: $id, first: 10) { nodes { reason source } } }`,
      { id: upsertUsers.items[0].id },
    );
    expect(cold.recommendations.nodes).toHaveLength(10);
    const named = cold.recommendations.nodes[0].reason.match(/^popular with “(.+)”, people like you$/);
    expect(named).not.toBeNull();
    expect(segs.map((s) => s.name)).toContain(named![1]);

    // BI: per segment per day, flat rows that add up to the members' interactions.
    const series = await api.ok<{ segmentSeries: { nodes: Array<{ segmentId: string; interactions: number; people: number }>; pageInfo: { hasNextPage: boolean } } }, unknown>(
      `{ segmentSeries(granularity: MONTH, first: 1000) { nodes { segmentId interactions people } pageInfo { hasNextPage } } }`,
    );
    expect(series.segmentSeries.pageInfo.hasNextPage).toBe(false);
    expect(new Set(series.segmentSeries.nodes.map((n) => n.segmentId))).toEqual(new Set(segs.map((s) => s.id)));
    // A DAY cursor does not continue a MONTH series (it would skip the rest of its month); an empty one is refused.
    // Walked three rows a page (each page aggregates only from its cursor's bucket on): the rows of one big page.
    // A page first aggregates only the buckets it can reach (first + 1 of them) and reads on where that is too few.
    const Walk = `query($g: Granularity!, $from: DateTimeISO, $first: Int, $after: String) { segmentSeries(granularity: $g, from: $from, first: $first, after: $after) { nodes { bucket segmentId interactions people engagements conversions } pageInfo { hasNextPage endCursor } } }`;
    type WalkPage = { segmentSeries: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    for (const [g, from] of [["MONTH", null], ["WEEK", null], ["WEEK", "2000-01-01T00:00:00Z"]]) {
      const all = (await api.ok<WalkPage, unknown>(Walk, { g, from, first: 1000 })).segmentSeries;
      expect(all.pageInfo.hasNextPage).toBe(false);
      const walked: unknown[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 500; i++) {
        const page: WalkPage["segmentSeries"] = (await api.ok<WalkPage, unknown>(Walk, { g, from, first: 3, after: cursor })).segmentSeries;
        walked.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) break;
        cursor = page.pageInfo.endCursor;
      }
      expect(walked.length).toBeGreaterThan(3);
      expect(walked).toEqual(all.nodes);
    }
    const SeriesPage = `query($g: Granularity!, $after: String) { segmentSeries(granularity: $g, first: 1, after: $after) { pageInfo { endCursor } } }`;
    const day = await api.ok<{ segmentSeries: { pageInfo: { endCursor: string } } }, unknown>(SeriesPage, { g: "DAY" });
    const month = await api.query(SeriesPage, { g: "MONTH", after: day.segmentSeries.pageInfo.endCursor });
    expect(month.errors?.[0]).toMatchObject({ message: "after: the cursor belongs to a segmentSeries query by DAY, not by MONTH", extensions: { code: "BAD_USER_INPUT", field: "after" } });
    expect((await api.query(SeriesPage, { g: "DAY", after: "" })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });

    // An erasure shrinks a segment, and the shares follow the sizes.
    const victim = await api.ok<{ segment: { members: { nodes: Array<{ id: string }> } } }, unknown>(`query($id: ID!) { segment(id: $id) { members(first: 1) { nodes { id } } } }`, { id: segs[0].id });
    await api.ok(DeleteUserDocument, { id: victim.segment.members.nodes[0].id });
    const shrunk = await api.ok<{ segments: Array<{ id: string; size: number; share: number }> }, unknown>(`{ segments { id size share } }`);
    const total = shrunk.segments.reduce((n, x) => n + x.size, 0);
    expect(total).toBe(segs.reduce((n, x) => n + x.size, 0) - 1);
    for (const x of shrunk.segments) expect(x.share).toBeCloseTo(x.size / total, 12);
    const one = await api.ok<{ segment: { share: number; size: number; description: string } }, unknown>(`query($id: ID!) { segment(id: $id) { share size description } }`, { id: segs[0].id });
    expect(one.segment.share).toBeCloseTo((segs[0].size - 1) / total, 12);
    // The description's size and share follow too.
    expect(one.segment.description.startsWith(`${segs[0].size - 1} people (${Math.round(one.segment.share * 100)}% of the audience) `)).toBe(true);

    // A segment is a Node: node(id) fetches it, with its live figures.
    const byNode = await api.ok<{ node: { __typename: string; id: string; name: string; size: number; share: number } }, unknown>(
      `query($id: ID!) { node(id: $id) { __typename id ... on Segment { name size share } } }`,
      { id: segs[0].id },
    );
    expect(byNode.node).toEqual({ __typename: "Segment", id: segs[0].id, name: segs[0].name, size: one.segment.size, share: one.segment.share });

    // Re-activating the version (a rollback to it) re-assigns people, the newcomer included once active,
    // and every segment keeps its ID: bookmarks, filters and caches that hold a segment ID still work.
    const post = (await api.ok<{ posts: { nodes: Array<{ id: string }> } }, unknown>(`{ posts(first: 1, filter: { platform: INSTAGRAM }) { nodes { id } } }`)).posts.nodes[0];
    await api.ok(`mutation($i: [InteractionInput!]!) { recordInteractions(interactions: $i) { recorded } }`, {
      i: [{ userId: upsertUsers.items[0].id, postId: post.id, type: "LIKE", occurredAt: new Date().toISOString() }],
    });
    await api.ok(`mutation { deactivateModel(name: "segments") { name } }`);
    // A segment of a version that no longer serves still answers by its ID, and says so.
    const SegState = `query($id: ID!) { segment(id: $id) { active modelVersion { id status } } }`;
    type SegState = { segment: { active: boolean; modelVersion: { id: string; status: string } } };
    expect((await api.ok<SegState, unknown>(SegState, { id: segs[0].id })).segment).toEqual({ active: false, modelVersion: { id: v.id, status: "RETIRED" } });
    await api.ok(ActivateModelVersionDocument, { id: v.id });
    expect((await api.ok<SegState, unknown>(SegState, { id: segs[0].id })).segment).toEqual({ active: true, modelVersion: { id: v.id, status: "ACTIVE" } });
    const SegOf = `query($id: ID!) { node(id: $id) { ... on User { segment { id } } } }`;
    // At once too: the re-activation's re-assignment is waited for.
    const newcomerSegment = (await api.ok<{ node: { segment: { id: string } | null } }, unknown>(SegOf, { id: upsertUsers.items[0].id })).node.segment?.id ?? null;
    expect(newcomerSegment).not.toBeNull();
    const again = (await api.ok<{ segments: Array<{ id: string; key: number }> }, unknown>(`{ segments { id key } }`)).segments;
    expect(new Set(again.map((x) => x.id))).toEqual(new Set(segs.map((x) => x.id)));
    expect(again.map((x) => x.id)).toContain(newcomerSegment);
  });

  it("tunes the recommender's blend on the data, scored against the better popularity baseline, and serves with it", async () => {
    await trainAndWait(api, "recommendations");
    const { model } = await api.ok(ModelDetailsDocument, { name: "recommendations" });
    const v = model.versions[0];
    expect(v).toMatchObject({ algorithm: "blend", error: null });
    expect(v.crossValidation?.metric).toBe("ndcg");
    expect(["popular", "popular-30d"]).toContain(v.crossValidation?.baseline.algorithm);
    const ndcg = metric(v.holdout!.metrics, "ndcg");
    const base = metric(v.holdout!.baseline, "ndcg");
    process.stderr.write(`recommendations blend: NDCG@10 ${ndcg.toFixed(4)} vs ${base.toFixed(4)} (${v.status}) with ${JSON.stringify(v.params)}\n`);
    expect(ndcg).toBeGreaterThan(0);
    // The holdout is each person's last events, which the tuning never saw: not the tuning's own score.
    const tuned = v.crossValidation!.candidates.find((c) => c.winner) ?? v.crossValidation!.candidates[0];
    expect(ndcg).not.toBe(metric(tuned.mean, "ndcg"));
    expect(metric(v.crossValidation!.baseline.mean, "ndcg")).not.toBe(base);
    // The decision says why it serves or not; either way people still get a full page.
    expect(v.holdout!.decision).toMatch(/^(activated|kept as a candidate)/);
    const { users } = await api.ok(UsersDocument, { first: 1 });
    const recs = await api.ok<{ recommendations: { nodes: Array<{ reason: string }> } }, unknown>(`query($id: ID!) { recommendations(userId: $id, first: 10) { nodes { reason } } }`, { id: users.edges[0].node.id });
    expect(recs.recommendations.nodes).toHaveLength(10);
  });

  it("answers bad requests with a coded error and leaves the active version alone", async () => {
    const missing = await api.query(TrainModelDocument, { name: "nope" });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", type: "Model", field: "name" });
    const bogus = await api.query(ActivateModelVersionDocument, { id: Buffer.from("ModelVersion:4242").toString("base64") });
    expect(bogus.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND" });
    const wrongType = await api.query(ActivateModelVersionDocument, { id: Buffer.from("Post:1").toString("base64") });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const { model } = await api.ok(ModelDetailsDocument, { name: "engagement" });
    expect(model.activeVersion?.version).toBe(1);
  });

  it("serves the active version after a restart without retraining", async () => {
    const before = await api.ok(PostPredictionsDocument, { first: 5 });
    await api.stop();
    api = await startServer({ env: demo, database });
    const after = await api.ok(PostPredictionsDocument, { first: 5 });
    expect(after.posts.nodes.map((p) => [p.id, p.predictedEngagement?.value, p.predictedEngagement?.modelVersion.version])).toEqual(
      before.posts.nodes.map((p) => [p.id, p.predictedEngagement?.value, p.predictedEngagement?.modelVersion.version]),
    );
    const { model } = await api.ok(ModelDetailsDocument, { name: "engagement" });
    expect(model.versions).toHaveLength(2);
  });

  it("starts every training asked for in one request, answering null with its error for one it refuses", async () => {
    const r = await api.query<{ ok: { id: string } | null; bad: { id: string } | null }, unknown>(`mutation { ok: trainModel(name: "engagement") { id } bad: trainModel(name: "nope") { id } }`);
    expect(r.data?.bad).toBeNull();
    expect(r.errors?.[0]).toMatchObject({ path: ["bad"], extensions: { code: "NOT_FOUND", field: "name" } });
    // The other one started: its run can be polled to the end.
    const id = r.data!.ok!.id;
    for (let i = 0; i < 600; i++) {
      const { trainingRun } = await api.ok(TrainingRunDocument, { id });
      if (trainingRun.status !== "RUNNING") break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect((await api.ok(TrainingRunDocument, { id })).trainingRun.status).toBe("SUCCEEDED");
  });
});

describe("models that cannot be trained", () => {
  it("refuses an empty table, a constant one and an invalid spec with a clear error, storing nothing", async () => {
    const specs = mkdtempSync(path.join(os.tmpdir(), "resonance-specs-"));
    cpSync(path.join(__dirname, "../../models"), specs, { recursive: true });
    const engagement = JSON.parse(readFileSync(path.join(specs, "engagement.json"), "utf8"));
    writeFileSync(path.join(specs, "broken.json"), JSON.stringify({ ...engagement, name: "broken", features: ["mediaType", "moonPhase"] }));
    const empty = await startServer({ env: { MODELS_DIR: specs } });
    try {
      const noRows = await empty.query(TrainModelDocument, { name: "engagement" });
      expect(noRows.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
      expect(noRows.errors?.[0].message).toMatch(/cannot train "engagement": .*(no rows|at least)/);
      const broken = await empty.query(TrainModelDocument, { name: "broken" });
      expect(broken.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
      expect(broken.errors?.[0].message).toContain('features[1]: unknown feature "moonPhase" for a post model');
      const { models } = await empty.ok(ModelsDocument);
      expect(models.find((m) => m.name === "broken")).toMatchObject({ valid: false });
      // A table with rows but nothing to learn: 40 old posts, none with any engagement.
      await empty.ok(UpsertUsersDocument, { users: [{ handle: "quiet_brand", platform: "INSTAGRAM", isBrand: true, followers: 1000 }] });
      const posts = Array.from({ length: 40 }, (_, i) => ({
        externalId: `quiet-${i}`, platform: "INSTAGRAM" as const, authorHandle: "quiet_brand", text: `Post ${i} #quiet`, mediaType: "PHOTO" as const,
        publishedAt: new Date(Date.UTC(2025, 0, 1 + i, 12)).toISOString(),
      }));
      await empty.ok(UpsertPostsDocument, { posts });
      const constant = await empty.query(TrainModelDocument, { name: "engagement" });
      expect(constant.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
      expect(constant.errors?.[0].message).toMatch(/cannot train "engagement": .*target is constant/);
      const { model } = await empty.ok(ModelDetailsDocument, { name: "engagement" });
      expect(model.versions).toEqual([]);
    } finally {
      await empty.stop();
      rmSync(specs, { recursive: true, force: true });
    }
  });
});
