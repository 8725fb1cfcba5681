import { LRUCache } from "lru-cache";
import type { Database } from "../../db/database";
import { loadModel } from "../../ml/model";
import type { FittedModel, FittedModelJSON } from "../../ml/types";

import { packArtifact, unpackArtifact } from "../../ml/artifact";

export { packArtifact, unpackArtifact };

/**
 * Deserialised models by version id, loaded once: concurrent first requests share one load (the
 * promise is cached, not the result), and a version is dropped when it stops being active.
 */
export class ModelCache {
  private readonly models = new LRUCache<number, Promise<FittedModel>>({ max: 16 });

  constructor(private readonly db: Database) {}

  get(versionId: number): Promise<FittedModel> {
    let model = this.models.get(versionId);
    if (!model) {
      model = this.load(versionId);
      this.models.set(versionId, model);
      model.catch(() => this.models.delete(versionId));
    }
    return model;
  }

  drop(versionId: number): void {
    this.models.delete(versionId);
  }

  /** How many loads have run (for tests of the single-flight behaviour). */
  loads = 0;

  private async load(versionId: number): Promise<FittedModel> {
    this.loads += 1;
    const [row] = await this.db.query<{ artifact: string | null }>(`SELECT "artifact" FROM "model_versions" WHERE "id" = ?`, [versionId]);
    if (!row?.artifact) throw new Error(`model version ${versionId} has no artifact`);
    return loadModel(unpackArtifact<FittedModelJSON>(row.artifact));
  }
}
