import type { ApolloServerPlugin } from "@apollo/server";
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { defaultPageSize } from "./relay";

/**
 * How many objects an operation can return at most: every field of an object type counts once per object it can
 * be reached through, and a field taking a page size (`first`, `last`) multiplies what is below it by that size
 * (as given, or its default; a connection without one by the default page size). Lists without a page size count
 * as one: their length is bounded by the data, not by the request. Fragments are followed; on an interface or a
 * union each branch counts. `{ posts(first: 100) { nodes { interactions(first: 100) { nodes { id } } } } }` costs
 * 100 (posts) + 100 (nodes) + 100 × 100 (interactions) + 100 × 100 (their nodes) = 20,200.
 */
export function estimatedCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const cost = (parent: GraphQLCompositeType, set: SelectionSetNode, multiplier: number, seen: ReadonlySet<string>): number => {
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
        const given = sizes(pageArgs.map((a) => {
          const node = s.arguments?.find((n) => n.name.value === a.name);
          return node ? valueFromAST(node.value, a.type, variables) : undefined;
        }));
        const defaults = sizes(pageArgs.map((a) => a.defaultValue));
        const size =
          given.length > 0 ? Math.max(...given) : defaults.length > 0 ? Math.max(...defaults) : pageArgs.length > 0 && type.name.endsWith("Connection") ? defaultPageSize : 1;
        const below = multiplier * size;
        total += below + cost(type, s.selectionSet, below, seen);
      } else {
        const fragment = s.kind === Kind.FRAGMENT_SPREAD ? fragments.get(s.name.value) : s;
        if (!fragment || (s.kind === Kind.FRAGMENT_SPREAD && seen.has(s.name.value))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        total += cost(condition, fragment.selectionSet, multiplier, s.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, s.name.value]) : seen);
      }
    }
    return total;
  };
  return cost(root, operation.selectionSet, 1, new Set());
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
