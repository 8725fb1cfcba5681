import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import { Max, Min } from "class-validator";
import { fromGlobalId, toGlobalId } from "graphql-relay";
import { BadUserInputError } from "./errors";

/** Anything that can be fetched by its global ID; `id` is the database key, `globalId` the opaque one. */
@InterfaceType("Node", {
  description: "An object with an opaque, globally unique ID, fetchable with `node(id)`.",
  // The value's class: an entity class (User, Post, …) or a view class (Segment's), whatever its GraphQL name.
  resolveType: (value) => (value as object).constructor as ClassType,
})
export abstract class Node {
  abstract id: number;

  @Field(() => ID, { name: "id", simple: false, description: "Opaque global ID (use with `node(id)`)." })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}

export { toGlobalId };

/** The largest row id (and counter) the id and count columns hold: PostgreSQL's `integer`. */
export const maxInt32 = 2_147_483_647;

/** A whole number the columns can hold (`min` 1 for a row id, 0 for a count). */
export function isStorableInt(v: unknown, min: 0 | 1): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= maxInt32;
}

/** Decodes a global ID of the expected type(s); a malformed one is BAD_USER_INPUT on `field`. */
export function decodeGlobalId(globalId: string, field: string, expected?: string | readonly string[]): { type: string; id: number } {
  let type = "";
  let raw = "";
  try {
    ({ type, id: raw } = fromGlobalId(globalId));
  } catch {
    // fall through to the error below
  }
  const id = Number(raw);
  const allowed = expected === undefined ? undefined : typeof expected === "string" ? [expected] : expected;
  // An ID the server issued for another type (a Model's is its name) is named as such.
  if (type && /^[A-Z][A-Za-z]*$/.test(type) && allowed && !allowed.includes(type)) {
    throw new BadUserInputError(field, `expected the ID of a ${allowed.join(" or ")}, found the ID of a ${type}`);
  }
  // One spelling per object ("User:1", not "User:01"), and a number the id columns can hold (PostgreSQL's integer).
  if (!type || !/^[1-9]\d*$/.test(raw) || id > maxInt32) {
    throw new BadUserInputError(field, `expected a global ID, found ${JSON.stringify(globalId)}`);
  }
  return { type, id };
}

@ObjectType({ simpleResolvers: true, description: "Relay page information." })
export class PageInfo {
  @Field({ description: "Whether items follow this page (paging backward: true whenever `before` was given)." })
  hasNextPage: boolean;

  @Field({ description: "Whether items precede this page (paging forward: true whenever `after` was given)." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null when the page is empty." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Pass it as `after` for the next page: the last edge's cursor, or for recommendations the list position after the page; null when there is nothing to continue from." })
  endCursor: string | null;
}

export const maxPageSize = 100;
export const defaultPageSize = 20;
/** The largest page size any field takes (the flat time series' rows); other fields take at most `maxPageSize` or fewer. */
export const largestPageSize = maxPageSize * 10;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Forward page size, 1–${maxPageSize} (default ${defaultPageSize}).` })
  @Min(1, { message: `expected \`first\` between 1 and ${maxPageSize}, found $value` })
  @Max(maxPageSize, { message: `expected \`first\` between 1 and ${maxPageSize}, found $value` })
  first?: number;

  @Field(() => String, { nullable: true, description: "Cursor to continue after (forward)." })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Backward page size, 1–${maxPageSize}.` })
  @Min(1, { message: `expected \`last\` between 1 and ${maxPageSize}, found $value` })
  @Max(maxPageSize, { message: `expected \`last\` between 1 and ${maxPageSize}, found $value` })
  last?: number;

  @Field(() => String, { nullable: true, description: "Cursor to continue before (backward)." })
  before?: string;
}

/** A connection as resolvers return it; `totalCount` is computed only when a client selects it. */
export interface ConnectionValue<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

export interface EdgeClass<T> {
  cursor: string;
  node: T;
}

/** Builds `<Name>Edge` and `<Name>Connection` object types for a node class. */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field({ description: "The item's position in the list's ordering and direction, for `after` or `before`." })
    cursor: string;

    @Field(() => node, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} objects (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: "The page's items with their cursors, in the list's order." })
    edges: Edge[];

    @Field(() => [node], { description: "The nodes of the edges, for clients that need no cursors." })
    nodes: T[];

    @Field(() => PageInfo, { description: "Cursors of the page's ends and whether there are more." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Every match of the filter, across all pages (counted only when selected)." })
    totalCount: number;
  }
  return { Edge, Connection };
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, { name: "OrderDirection", description: "ASC: smallest or oldest first; DESC: largest or newest first." });
