import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";
import type { Logger } from "../lib/logger";
import { currentStatementCount } from "../db/sql-counter";

/** Adds `extensions.sqlStatements` (statements this request ran) to every response; for tests and profiling. */
export function sqlCountPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const n = currentStatementCount();
          if (n !== undefined && response.body.kind === "single") {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: n };
          }
        },
      };
    },
  };
}

/** Logs each operation's name, duration and error count at debug level, and resolver failures at warn. */
export function loggingPlugin(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          logger.debug({ operationName, ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 }, "graphql");
        },
      };
    },
  };
}

/**
 * Rejects documents nested deeper than `max` fields (fragments followed), before anything runs. Introspection
 * (`__schema`, `__type`) is measured on its own against `introspectionMax`: the standard introspection query
 * (graphql-js's `getIntrospectionQuery`, which Apollo Sandbox, codegen and GraphQL connectors send) follows
 * `ofType` 15 levels deep, and its cost is bounded by the schema, not by the data.
 */
export function depthLimit(max: number, introspectionMax = 20) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    let introspection = 0;
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          const depth = s.selectionSet ? 1 + depthOf(s.selectionSet, seen) : 1;
          if (s.name.value === "__schema" || s.name.value === "__type") introspection = Math.max(introspection, depth);
          else deepest = Math.max(deepest, depth);
        } else if (s.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(s.selectionSet, seen));
        else if (!seen.has(s.name.value)) {
          const f = fragments.get(s.name.value);
          deepest = Math.max(deepest, depthOf(f?.selectionSet, new Set([...seen, s.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        introspection = 0;
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`expected a query at most ${max} fields deep, found ${depth}`, { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
          );
        }
        if (introspection > introspectionMax) {
          context.reportError(
            new GraphQLError(`expected an introspection query at most ${introspectionMax} fields deep, found ${introspection}`, { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
          );
        }
      },
    };
  };
}

/** Over WebSocket: only subscriptions (queries and mutations go over HTTP). */
export function subscriptionsOnly(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== "subscription") {
        context.reportError(
          new GraphQLError(`expected a subscription over WebSocket, found a ${node.operation}: send queries and mutations over HTTP`, {
            nodes: [node],
            extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
          }),
        );
      }
    },
  };
}
