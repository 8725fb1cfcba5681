import { BREAK, GraphQLError, Kind, parse, visit, type GraphQLFormattedError, type ObjectFieldNode, type ValueNode } from "graphql";
import { toGlobalId } from "graphql-relay";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "../lib/logger";

/** One rejected field of an input; `index` is the row of a batch. */
export interface FieldProblem {
  field: string;
  message: string;
  index?: number;
}

/**
 * Input that cannot be accepted. `field` names the offending argument path
 * (`interactions[3].type`); a batch may carry every problem it found in `problems`.
 */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, message: string, problems?: FieldProblem[]) {
    const index = problems?.[0]?.index;
    super(`${field}: ${message}`, {
      extensions: {
        code: "BAD_USER_INPUT",
        field,
        ...(index === undefined ? {} : { index }),
        ...(problems && problems.length > 1 ? { problems } : {}),
      },
    });
  }

  /**
   * The first problem names the error; the listed ones travel in extensions.problems. `total`: how many were found,
   * when only the first of them are listed (the message counts them all and says how many are listed).
   */
  static fromProblems(problems: FieldProblem[], total = problems.length): BadUserInputError {
    const first = problems[0];
    const others = total - 1;
    const listed = total > problems.length ? `; the first ${problems.length} are listed` : "";
    const more = others > 0 ? ` (and ${others} more problem${others > 1 ? "s" : ""}${listed})` : "";
    return new BadUserInputError(first.field, first.message + more, problems);
  }
}

export class NotFoundError extends GraphQLError {
  constructor(type: string, id: string | number, field = "id") {
    super(`${type} ${JSON.stringify(String(id))} not found`, {
      extensions: { code: "NOT_FOUND", type, id: String(id), field },
    });
  }
}

/**
 * A related row this request read an id of and then could not find: erased meanwhile by a concurrent erasure (a post
 * listed, then its author gone). NOT_FOUND naming the field, not an internal error from a null non-null field.
 */
export async function stillThere<T>(value: Promise<T | undefined> | T | undefined, type: string, id: number, field: string): Promise<T> {
  const found = await value;
  if (found === undefined || found === null) throw new NotFoundError(type, toGlobalId(type, String(id)), field);
  return found;
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "FORBIDDEN" } });
  }
}

const knownCodes = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

interface ValidationErrorLike {
  property: string;
  value?: unknown;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function firstConstraint(errors: ValidationErrorLike[], prefix = ""): { field: string; message: string } | undefined {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    if (messages.length > 0) return { field, message: messages[0] };
    const nested = firstConstraint(e.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * The path graphql-js's variable coercion message names: `at "posts[0].publishedAt"`, a required input field
 * that was not provided (`draft.mediaType`), or the variable itself when it is missing or null.
 */
export function variableField(message: string): string | undefined {
  const missing = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; Field "([^"]+)" of required type "[^"]+" was not provided\.?$/s.exec(message);
  if (missing) return `${missing[2] ?? missing[1]}.${missing[3]}`;
  const at = /got invalid value .* at "([^"]+)"/s.exec(message);
  if (at) return at[1];
  const whole = /^Variable "\$([^"]+)" (?:of required type "[^"]+" was not provided|of non-null type "[^"]+" must not be null|got invalid value )/.exec(message);
  return whole ? whole[1] : undefined;
}

/** Every value and input field inside an argument's value, with its argument path (`posts[0].scheduledFor`). */
function* valuePaths(value: ValueNode, prefix: string): Generator<[string, ValueNode | ObjectFieldNode]> {
  yield [prefix, value];
  if (value.kind === Kind.OBJECT) {
    for (const f of value.fields) {
      yield [`${prefix}.${f.name.value}`, f];
      yield* valuePaths(f.value, `${prefix}.${f.name.value}`);
    }
  } else if (value.kind === Kind.LIST) {
    for (let i = 0; i < value.values.length; i++) yield* valuePaths(value.values[i], `${prefix}[${i}]`);
  }
}

/**
 * A variable's path (`p[0].text`) as the argument path it stands for (`posts[0].text`), the way errors of
 * values written inline and of resolvers name fields; unchanged when the variable is used in more than one
 * place (or the document cannot be read).
 */
export function argumentPathOfVariable(variablePath: string, error: unknown): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(variablePath)?.[0];
  const source = error instanceof GraphQLError ? error.nodes?.[0]?.loc?.source : undefined;
  if (!name || !source) return variablePath;
  try {
    const uses: string[] = [];
    visit(parse(source), {
      Argument(node) {
        for (const [path, value] of valuePaths(node.value, node.name.value)) if (value.kind === Kind.VARIABLE && value.name.value === name) uses.push(path);
        return false;
      },
    });
    return uses.length === 1 ? `${uses[0]}${variablePath.slice(name.length)}` : variablePath;
  } catch {
    return variablePath;
  }
}

/**
 * The argument path of a validation error about a value written inline (`scheduledFor: "tomorrow"`), the
 * way a variable's coercion error names it: graphql-js points at the value node but not at its argument,
 * so the document is read again (only on this error path) to find where that node sits.
 */
export function inlineValueField(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const at = error.nodes?.[0]?.loc;
  if (!at) return undefined;
  let found: string | undefined;
  visit(parse(at.source), {
    Argument(node) {
      for (const [path, value] of valuePaths(node.value, node.name.value)) {
        if (value.loc?.start === at.start && value.loc.end === at.end) {
          found = path;
          return BREAK;
        }
      }
      return false;
    },
  });
  return found;
}

/**
 * Errors that know their code leave as they are; class-validator's "Argument Validation Error"
 * gets the offending field and its message; anything else leaves as INTERNAL_SERVER_ERROR with the
 * details only in the log. This function must never throw.
 */
export function createFormatError(logger: Logger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const original = unwrapResolverError(error);
      const code = formatted.extensions?.code;
      if (typeof code === "string" && knownCodes.has(code)) {
        const validationErrors = formatted.extensions?.validationErrors as ValidationErrorLike[] | undefined;
        if (validationErrors) {
          const first = firstConstraint(validationErrors);
          if (first) {
            return {
              ...formatted,
              message: `${first.field}: ${first.message}`,
              extensions: { code, field: first.field },
            };
          }
        }
        if (code === "GRAPHQL_VALIDATION_FAILED" && !formatted.extensions?.field) {
          const at = inlineValueField(error);
          // A required input field left out of an inline object is named itself (`posts[0].text`), not its object.
          const left = /^Field "[^".]+\.([^"]+)" of required type "[^"]+" was not provided\.?$/.exec(formatted.message);
          const field = at !== undefined && left ? `${at}.${left[1]}` : at;
          if (field) return { ...formatted, extensions: { ...formatted.extensions, field } };
        }
        // graphql-js names the offending variable path in its coercion message: expose it as `field`.
        const variable = code === "BAD_USER_INPUT" && !formatted.extensions?.field ? variableField(formatted.message) : undefined;
        const field = variable === undefined ? undefined : argumentPathOfVariable(variable, error);
        return field ? { ...formatted, extensions: { ...formatted.extensions, field } } : formatted;
      }
      logger.error({ err: original, path: formatted.path }, "unexpected error in a GraphQL operation");
      return {
        message: exposeInternals && original instanceof Error ? `Internal server error: ${original.message}` : "Internal server error",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      };
    } catch {
      return { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
    }
  };
}

/**
 * A filter's text value: null when not given; a BAD_USER_INPUT naming the field when given but empty (an empty
 * `hashtag: ""` is a mistake, not "no filter").
 */
export function filterText(value: string | null | undefined, field: string, clean: (s: string) => string = (s) => s.trim()): string | null {
  if (value == null) return null;
  const v = clean(value);
  if (v === "") throw new BadUserInputError(field, `expected a non-empty value, found ${JSON.stringify(value)}`);
  return v;
}
