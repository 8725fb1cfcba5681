import "reflect-metadata";
import { readConfig } from "../../src/config";
import { Loaders } from "../../src/graphql/loaders";
import { createLogger } from "../../src/lib/logger";
import { fitModel } from "../../src/ml/model";
import { InteractionType } from "../../src/modules/interactions/interaction.entity";
import { packArtifact } from "../../src/modules/models/model.cache";
import { ModelVersion } from "../../src/modules/models/model-version.entity";
import { MediaType } from "../../src/modules/posts/post.entity";
import { Platform } from "../../src/modules/users/platform";
import { toGlobalId } from "../../src/graphql/relay";
import type { FeatureSpec } from "../../src/ml/types";
import type { ModelSpec } from "../../src/modules/models/model-specs";
import { closeServices, createServices, type Services } from "../../src/server";
import { createTestDatabase, type TestDatabase } from "../support/database";

// A purchase is the conversion model's target, so it must not move that model's inputs: the audit gave
// a person one VIEW, then one CONVERSION, and saw recencyDays 27 → 0, activeDays 1 → 2 and the
// probability 0.051 → 0.963. Hand-built data, hand-checked feature values.

const day = 86_400_000;
const T0 = new Date("2026-03-01T12:00:00Z").getTime();
const at = (daysBefore: number) => new Date(T0 - daysBefore * day);

let database: TestDatabase;
let services: Services;
let spec: ModelSpec;
let ann: number;
let bob: number;
let cara: number;

const behaviour = ["views", "clicks", "activeDays", "recencyDays", "tenureDays", "frequency", "engagementRate", "topic.shoes", "topic.deals"];
const pick = (row: Record<string, unknown> | undefined) => Object.fromEntries(behaviour.map((k) => [k, row?.[k]]));

async function rowOf(id: number, target?: string) {
  const features: FeatureSpec[] = [...spec.features, { name: "topic.shoes", kind: "numeric" }, { name: "topic.deals", kind: "numeric" }];
  return pick((await services.models.featureStore.userRows(features, [id], target))[0]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = await createServices(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }), createLogger("silent"));
  const entry = services.models.specEntry("conversion");
  if (!entry.ok) throw new Error(entry.error);
  spec = entry.spec;
  const users = await services.users.upsert([
    { platform: Platform.INSTAGRAM, handle: "shop", isBrand: true, followers: 5000 },
    { platform: Platform.INSTAGRAM, handle: "ann", followers: 10 },
    { platform: Platform.INSTAGRAM, handle: "bob", followers: 20 },
    { platform: Platform.INSTAGRAM, handle: "cara", followers: 30 },
  ]);
  [ann, bob, cara] = users.items.slice(1).map((u) => u.id);
  await services.posts.upsert([
    { platform: Platform.INSTAGRAM, externalId: "p1", authorHandle: "shop", text: "New trail shoes", mediaType: MediaType.PHOTO, category: "shoes", publishedAt: at(40) },
    { platform: Platform.INSTAGRAM, externalId: "p2", authorHandle: "shop", text: "Deal of the week", mediaType: MediaType.PHOTO, category: "deals", publishedAt: at(30) },
  ]);
  // Ann and Cara viewed the shoes 27 days before the data's end; Bob's view is the latest interaction (the as-of time).
  await services.interactions.record([
    { platform: Platform.INSTAGRAM, userHandle: "ann", postExternalId: "p1", type: InteractionType.VIEW, occurredAt: at(27) },
    { platform: Platform.INSTAGRAM, userHandle: "cara", postExternalId: "p1", type: InteractionType.VIEW, occurredAt: at(27) },
    { platform: Platform.INSTAGRAM, userHandle: "bob", postExternalId: "p1", type: InteractionType.VIEW, occurredAt: at(0) },
  ]);
});

afterAll(async () => {
  if (services) await closeServices(services);
  await database?.drop();
});

describe("the conversion model's features leave purchases out", () => {
  // Features are read 1 ms after the as-of time (the latest interaction), so day counts carry 1 ms.
  const ms = 1 / day;
  const quiet = { views: 1, clicks: 0, activeDays: 1, recencyDays: 27 + ms, tenureDays: 27 + ms, frequency: 1 / (27 + ms), engagementRate: 0, "topic.shoes": 1, "topic.deals": 0 };

  it("a person with one view 27 days ago, by hand", async () => {
    const row = await rowOf(ann, "converted");
    for (const [k, v] of Object.entries(quiet)) expect([k, row[k]]).toEqual([k, expect.closeTo(v, 9)]);
  });

  it("a purchase does not move them, for training or serving; churn and segments still count it as activity", async () => {
    const before = await rowOf(ann, "converted");
    // Ann buys on the deals post at the as-of time (the as-of time does not move).
    await services.interactions.record([{ platform: Platform.INSTAGRAM, userHandle: "ann", postExternalId: "p2", type: InteractionType.CONVERSION, value: 49, occurredAt: at(0) }]);
    expect((await services.models.featureStore.asOf()).getTime()).toBe(T0);

    const served = await rowOf(ann, "converted");
    expect(served).toEqual(before);
    for (const [k, v] of Object.entries(quiet)) expect([k, served[k]]).toEqual([k, expect.closeTo(v, 9)]);

    // The training table: the same row, now labelled as a buyer; Bob is not one.
    const built = await services.models.featureStore.tableFor({ ...spec, features: [...spec.features, { name: "topic.shoes", kind: "numeric" }, { name: "topic.deals", kind: "numeric" }] });
    const i = built.ids.indexOf(ann);
    expect(pick(built.table.rows[i])).toEqual(served);
    expect(built.table.target![i]).toBe(1);
    expect(built.table.target![built.ids.indexOf(bob)]).toBe(0);
    expect(built.stats.behaviour).toMatch(/CONVERSION events left out/);

    // Without the conversion target (churn's and the segments' rows) the purchase is activity, as before:
    // these are the audit's moved values, 27 → 0 days and 1 → 2 active days; purchases weigh 8, a view 0.5.
    const anyActivity = await rowOf(ann);
    expect(anyActivity).toMatchObject({ views: 1, activeDays: 2, tenureDays: expect.closeTo(27 + ms, 9) });
    expect(anyActivity.recencyDays).toBeCloseTo(ms, 12);
    expect(anyActivity["topic.deals"]).toBeCloseTo(8 / 8.5, 12);
    expect(anyActivity["topic.shoes"]).toBeCloseTo(0.5 / 8.5, 12);
  });

  it("the served probability is the same before and after a purchase", async () => {
    // A conversion model that learnt "recently active people buy", activated like any version.
    const features = spec.features.filter((f) => ["views", "activeDays", "recencyDays", "tenureDays", "frequency"].includes(f.name));
    const rows = Array.from({ length: 40 }, (_, k) => ({ views: k % 5, activeDays: 1 + (k % 3), recencyDays: k % 2 ? 1 : 30, tenureDays: 30, frequency: (1 + (k % 3)) / 30 }));
    const fitted = fitModel({ features, rows, target: rows.map((r) => (r.recencyDays < 5 ? 1 : 0)) }, "binary", { algorithm: "logisticRegression", params: { lambda: 1 } });
    const id = await services.db.write(async (tx) => {
      const [row] = await services.db.insertMany(
        tx,
        "model_versions",
        ModelVersion,
        ["modelName", "version", "status", "task", "spec", "createdAt", "artifact"],
        [{ modelName: "conversion", version: 1, status: "candidate", task: "binary", spec: { ...spec, features } as unknown as Record<string, unknown>, createdAt: new Date(), artifact: packArtifact(fitted.toJSON()) }],
        `RETURNING "id"`,
      );
      return Number(row.id);
    });
    await services.models.activate(toGlobalId("ModelVersion", id));
    const probability = async (who: number) => (await services.predictions.forEntity(new Loaders(), "conversion", "user", who))!.value;
    // Cara has been quiet for 27 days: unlikely. Had her purchase counted, her recency would be 0 days and she would look like Bob.
    const before = await probability(cara);
    expect(before).toBeLessThan(0.2);
    expect(await probability(bob)).toBeGreaterThan(0.8);
    await services.interactions.record([{ platform: Platform.INSTAGRAM, userHandle: "cara", postExternalId: "p2", type: InteractionType.CONVERSION, value: 20, occurredAt: at(0) }]);
    expect(await probability(cara)).toBe(before);
  });
});
