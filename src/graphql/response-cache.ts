import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { LRUCache } from "lru-cache";
import { Extensions } from "type-graphql";

/** The version of the data a response was computed from; undefined when it cannot be known (no caching then). */
export type DataVersion = () => string | undefined;

type CachedResult = { data?: Record<string, unknown> | null };

/** Where `@Uncacheable` leaves its reason in the schema (the `extensions` of a field or an object type). */
const extensionKey = "responseCache";

/**
 * Marks a field, or an object type (so every field that returns it), whose answer does not come from the
 * database alone — memory, files, the clock — and so can change without a write: an operation that selects
 * it is executed on every request and never stored by the response cache. Say why:
 * `@Uncacheable("a running training's progress lives in memory")`.
 */
export function Uncacheable(why: string) {
  return Extensions({ [extensionKey]: { uncacheable: why } });
}

function reasonIn(extensions: unknown): string | undefined {
  const own = (extensions as Record<string, { uncacheable?: unknown } | undefined> | null | undefined)?.[extensionKey];
  return typeof own?.uncacheable === "string" ? own.uncacheable : undefined;
}

/**
 * Why an operation's answer must not be cached — the first field or type it selects that is marked
 * `@Uncacheable` — or undefined when it may be. Fragments are followed; on an interface or a union every
 * possible type is considered, so `node(id) { … on ModelVersion { trainingRun { … } } }` is found too.
 * `@skip`/`@include` are not evaluated: a field that may be selected counts.
 */
export function uncacheableReason(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const typesOf = (type: GraphQLCompositeType | GraphQLNamedType): readonly GraphQLNamedType[] => (isAbstractType(type) ? [type, ...schema.getPossibleTypes(type)] : [type]);
  const visit = (parent: GraphQLCompositeType, set: SelectionSetNode): string | undefined => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const fields = typesOf(parent)
          .map((t) => ("getFields" in t ? (t.getFields() as Record<string, GraphQLField<unknown, unknown> | undefined>)[s.name.value] : undefined))
          .filter((f): f is GraphQLField<unknown, unknown> => f !== undefined);
        const returned = new Set<GraphQLNamedType>();
        for (const field of fields) {
          const why = reasonIn(field.extensions);
          if (why) return `${parent.name}.${field.name}: ${why}`;
          returned.add(getNamedType(field.type));
        }
        for (const type of returned) {
          for (const t of typesOf(type)) {
            const why = isObjectType(t) ? reasonIn(t.extensions) : undefined;
            if (why) return `${t.name}: ${why}`;
          }
          if (s.selectionSet && isCompositeType(type)) {
            const why = visitOnce(type, s.selectionSet);
            if (why) return why;
          }
        }
      } else {
        const fragment = s.kind === Kind.FRAGMENT_SPREAD ? fragments.get(s.name.value) : s;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        const why = visitOnce(condition, fragment.selectionSet);
        if (why) return why;
      }
    }
    return undefined;
  };
  /** Each selection set once per parent type: a fragment spread in many places is walked once. */
  const visited = new WeakMap<SelectionSetNode, Set<string>>();
  const visitOnce = (parent: GraphQLCompositeType, set: SelectionSetNode): string | undefined => {
    let types = visited.get(set);
    if (!types) visited.set(set, (types = new Set()));
    if (types.has(parent.name)) return undefined;
    types.add(parent.name);
    return visit(parent, set);
  };
  const root = schema.getRootType(operation.operation);
  return root ? visitOnce(root, operation.selectionSet) : undefined;
}

/**
 * Caches the result of each query (document × operation × variables) until the data changes: the
 * key carries the data version, and every write changes it, so a cached answer is never stale —
 * it is exactly what executing again would return. That holds only for answers computed from the
 * database: an operation that selects a field or type marked `@Uncacheable` (a training run's live
 * progress, the model specs read from files, rankings of the in-memory recommender) is executed every
 * time. Results with errors, mutations and results whose data changed while they ran are never
 * stored. Dashboards and BI connectors that poll the same queries between ingests are served from memory.
 */
export function responseCachePlugin(version: DataVersion, maxEntries = 500): ApolloServerPlugin {
  const cache = new LRUCache<string, CachedResult>({ max: maxEntries });
  /** Per document and operation: why it is not cacheable, or "" when it is (worked out once). */
  const verdicts = new LRUCache<string, string>({ max: maxEntries });
  return {
    async requestDidStart() {
      let key: string | undefined;
      let startedAt: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, request, queryHash, document, schema }) {
          if (operation.operation !== "query") return null;
          const which = `${queryHash}\u0000${operation.name?.value ?? ""}`;
          let verdict = verdicts.get(which);
          if (verdict === undefined) {
            verdict = uncacheableReason(schema, document, operation) ?? "";
            verdicts.set(which, verdict);
          }
          if (verdict) return null;
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
