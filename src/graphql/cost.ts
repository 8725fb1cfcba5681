import type { ApolloServerPlugin } from "@apollo/server";
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputType,
  isListType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  typeFromAST,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { defaultPageSize, largestPageSize } from "./relay";

/**
 * What a list bounded only by the data counts as: the lists without a page size and without a list argument are
 * short (a model's k-means segments are at most 8, a payload's erasure counts a handful, a text's sentences and a
 * model's versions usually a few), so ten of each is an estimate that stays honest for nesting under them.
 */
export const dataListSize = 10;

/**
 * How many objects an operation can return at most: every field of an object type counts once per object it can
 * be reached through, and a field taking a page size (`first`, `last`) multiplies what is below it by that size
 * (as given, or its default; a connection or list without one by the default page size; a size beyond what any field
 * takes counts as that largest size, `largestPageSize`, since the field refuses it with BAD_USER_INPUT naming the
 * argument, which is the answer a client should get rather than this limit's). A list without a page size counts
 * the length of the list it was asked for: its own list argument (`nodes(ids)`, `analyzeText(texts)`), or the batch
 * of the mutation whose answer it is (`upsertPosts(posts) { items }` has one item per row sent); any other list is
 * bounded by the data (segments, a model's versions, a text's sentences) and counts `dataListSize` objects. Fragments
 * are followed; on an interface or a union each branch counts. `{ posts(first: 100) { nodes { interactions(first:
 * 100) { nodes { id } } } } }` costs 100 (posts) + 100 (nodes) + 100 × 100 (interactions) + 100 × 100 (their nodes)
 * = 20,200.
 */
export function estimatedCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, given: Record<string, unknown> = {}): number {
  // A variable not sent takes its default in the query (`query($n: Int = 60)`), as execution will.
  const variables: Record<string, unknown> = { ...given };
  for (const d of operation.variableDefinitions ?? []) {
    const name = d.variable.name.value;
    if (variables[name] !== undefined || !d.defaultValue) continue;
    const type = typeFromAST(schema, d.type);
    if (type && isInputType(type)) variables[name] = valueFromAST(d.defaultValue, type);
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  /** An argument's value as the request gives it (variables and their defaults read), or undefined. */
  const argument = (field: FieldNode, a: GraphQLArgument): unknown => {
    const node = field.arguments?.find((n) => n.name.value === a.name);
    return node ? valueFromAST(node.value, a.type, variables) : undefined;
  };
  /** The longest list among a field's arguments as the request gives them (null when it takes none). */
  const listArgumentLength = (field: FieldNode, args: readonly GraphQLArgument[]): number | null => {
    let longest: number | null = null;
    for (const a of args) {
      const value = isListType(getNullableType(a.type)) ? argument(field, a) : undefined;
      if (Array.isArray(value)) longest = Math.max(longest ?? 0, value.length);
    }
    return longest;
  };
  // `batch`: the length of the list argument of the field that returned `parent` (a mutation's rows), if any.
  const cost = (parent: GraphQLCompositeType, set: SelectionSetNode, multiplier: number, seen: ReadonlySet<string>, batch: number | null): number => {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue; // a union selects only __typename
        const def = parent.getFields()[s.name.value];
        if (!def || !s.selectionSet) continue;
        const type = getNamedType(def.type);
        if (!isCompositeType(type)) continue;
        const pageArgs = def.args.filter((a) => a.name === "first" || a.name === "last");
        const sizes = (values: unknown[]) => values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
        const given = sizes(pageArgs.map((a) => argument(s, a))).map((n) => Math.min(n, largestPageSize));
        const defaults = sizes(pageArgs.map((a) => a.defaultValue));
        const listed = listArgumentLength(s, def.args);
        const isList = isListType(getNullableType(def.type));
        const size =
          given.length > 0
            ? Math.max(...given)
            : defaults.length > 0
              ? Math.max(...defaults)
              : pageArgs.length > 0 && (isList || type.name.endsWith("Connection"))
                ? defaultPageSize
                : !isList || parent.name.endsWith("Connection") // a page's nodes and edges: the page counted them
                  ? 1
                  : (listed ?? batch ?? dataListSize);
        const below = multiplier * size;
        total += below + cost(type, s.selectionSet, below, seen, isList ? null : listed);
      } else {
        const fragment = s.kind === Kind.FRAGMENT_SPREAD ? fragments.get(s.name.value) : s;
        if (!fragment || (s.kind === Kind.FRAGMENT_SPREAD && seen.has(s.name.value))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        total += cost(condition, fragment.selectionSet, multiplier, s.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, s.name.value]) : seen, batch);
      }
    }
    return total;
  };
  return cost(root, operation.selectionSet, 1, new Set(), null);
}

/** The most objects one operation may return: two nested pages of 100 with their neighbours fit, three do not. */
export const maxQueryCost = 50_000;

/**
 * Refuses, before anything runs, an operation that can return more than `max` objects (see `estimatedCost`): a
 * query of three nested pages of 100 would build a million objects and hold hundreds of MB for seconds.
 */
export function costLimitPlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = estimatedCost(schema, document, operation, request.variables ?? {});
          if (cost > max) {
            throw new GraphQLError(`expected a query returning at most ${max.toLocaleString("en-US")} objects, found one that can return ${cost.toLocaleString("en-US")} (smaller pages, or fewer nested lists)`, {
              extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
