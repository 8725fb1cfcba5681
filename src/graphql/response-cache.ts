import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { LRUCache } from "lru-cache";

/** The version of the data a response was computed from; undefined when it cannot be known (no caching then). */
export type DataVersion = () => string | undefined;

type CachedResult = { data?: Record<string, unknown> | null };

/**
 * Caches the result of each query (document × operation × variables) until the data changes: the
 * key carries the data version, and every write changes it, so a cached answer is never stale —
 * it is exactly what executing again would return. Results with errors, mutations and results
 * whose data changed while they ran are never stored. Dashboards and BI connectors that poll the
 * same queries between ingests are served from memory.
 */
export function responseCachePlugin(version: DataVersion, maxEntries = 500): ApolloServerPlugin {
  const cache = new LRUCache<string, CachedResult>({ max: maxEntries });
  return {
    async requestDidStart() {
      let key: string | undefined;
      let startedAt: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, request, queryHash }) {
          if (operation.operation !== "query") return null;
          startedAt = version();
          if (startedAt === undefined) return null;
          key = `${startedAt}\u0000${queryHash}\u0000${request.operationName ?? ""}\u0000${JSON.stringify(request.variables ?? {})}`;
          const cached = cache.get(key);
          if (!cached) return null;
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { ...cached } } };
        },
        async willSendResponse({ response }) {
          if (hit || key === undefined || response.body.kind !== "single") return;
          const { data, errors } = response.body.singleResult;
          if (errors?.length || data == null || version() !== startedAt) return;
          cache.set(key, { data });
        },
      };
    },
  };
}
