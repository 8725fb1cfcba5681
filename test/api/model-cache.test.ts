import "reflect-metadata";
import { readConfig } from "../../src/config";
import { createLogger } from "../../src/lib/logger";
import { fitModel } from "../../src/ml/model";
import { ModelCache, packArtifact } from "../../src/modules/models/model.cache";
import { ModelVersion } from "../../src/modules/models/model-version.entity";
import { closeServices, createServices, type Services } from "../../src/server";
import { createTestDatabase, type TestDatabase } from "../support/database";

// The cache of deserialised models, against a real database (SQLite file or PostgreSQL): single-flight
// loads, drop on replacement, and a failed load that is not remembered.
let database: TestDatabase;
let services: Services;

async function storeVersion(version: number, artifact: string | null): Promise<number> {
  return services.db.write(async (tx) => {
    const [row] = await services.db.insertMany(
      tx,
      "model_versions",
      ModelVersion,
      ["modelName", "version", "status", "task", "spec", "createdAt", "artifact"],
      [{ modelName: "cache-test", version, status: "candidate", task: "regression", spec: {}, createdAt: new Date(), artifact }],
      `RETURNING "id"`,
    );
    return Number(row.id);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = await createServices(readConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }), createLogger("silent"));
});

afterAll(async () => {
  if (services) await closeServices(services);
  await database?.drop();
});

describe("ModelCache", () => {
  const table = {
    features: [{ name: "x", kind: "numeric" as const }],
    rows: Array.from({ length: 20 }, (_, i) => ({ x: i })),
    target: Array.from({ length: 20 }, (_, i) => 3 * i + 1),
  };
  const fitted = fitModel(table, "regression", { algorithm: "linearRegression", params: { lambda: 0 } });

  it("loads a version once for concurrent first requests, and again only after it is dropped", async () => {
    const id = await storeVersion(1, packArtifact(fitted.toJSON()));
    const cache = new ModelCache(services.db);
    const models = await Promise.all(Array.from({ length: 8 }, () => cache.get(id)));
    expect(cache.loads).toBe(1);
    expect(new Set(models).size).toBe(1);
    expect(models[0].predict([{ x: 10 }])[0]).toBeCloseTo(31, 8);
    await cache.get(id);
    expect(cache.loads).toBe(1);
    cache.drop(id);
    await cache.get(id);
    expect(cache.loads).toBe(2);
  });

  it("does not remember a failed load", async () => {
    const id = await storeVersion(2, null);
    const cache = new ModelCache(services.db);
    await expect(cache.get(id)).rejects.toThrow(`model version ${id} has no artifact`);
    await expect(cache.get(id)).rejects.toThrow("has no artifact");
    expect(cache.loads).toBe(2);
  });
});
