import DataLoader from "dataloader";

/**
 * The DataLoaders of one request, created on first use under a key such as `User.byId` or
 * `User.posts:{"first":5}`. Built fresh for every request, so no cache outlives it.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 }) as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Aligns rows fetched by id with the requested ids (missing ones become undefined). */
export function alignById<T extends { id: number }>(ids: readonly number[], rows: readonly T[]): Array<T | undefined> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}
