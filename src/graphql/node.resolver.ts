import { GraphQLError } from "graphql";
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "./context";
import { BadUserInputError, NotFoundError } from "./errors";
import type { Loaders } from "./loaders";
import { decodeGlobalId, maxPageSize, Node } from "./relay";

export type NodeFetcher = (loaders: Loaders, id: number) => Promise<object | undefined>;

/** Which object type each kind of global ID resolves to; modules register theirs at start. */
export class NodeRegistry {
  private readonly fetchers = new Map<string, NodeFetcher>();

  register(type: string, fetch: NodeFetcher): void {
    this.fetchers.set(type, fetch);
  }

  /**
   * The object behind a global ID, or its error: NOT_FOUND, or BAD_USER_INPUT for a malformed ID or one of a type
   * that is not a Node (returned, not thrown, so that in a list only that item is null).
   */
  async fetch(loaders: Loaders, globalId: string, field: string): Promise<object | GraphQLError> {
    let decoded: { type: string; id: number };
    try {
      decoded = decodeGlobalId(globalId, field, [...this.fetchers.keys()]);
    } catch (error) {
      if (error instanceof GraphQLError) return error;
      throw error;
    }
    const found = await this.fetchers.get(decoded.type)!(loaders, decoded.id);
    return found ?? new NotFoundError(decoded.type, globalId, field);
  }
}

@Resolver()
export class NodeResolver {
  constructor(private readonly registry: NodeRegistry) {}

  @Query(() => Node, { nullable: true, description: "Any object by its global ID; an unknown ID is a NOT_FOUND error." })
  async node(@Arg("id", () => ID, { description: "A global ID of any Node type." }) id: string, @Ctx() ctx: Context) {
    const found = await this.registry.fetch(ctx.loaders, id, "id");
    if (found instanceof GraphQLError) throw found;
    return found;
  }

  @Query(() => [Node], { nullable: "items", description: `Up to ${maxPageSize} objects by global ID, in order; an unknown one is null with a NOT_FOUND error, a malformed one null with a BAD_USER_INPUT error.` })
  nodes(@Arg("ids", () => [ID], { description: "Global IDs of any Node types, up to 100." }) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > maxPageSize) throw new BadUserInputError("ids", `expected at most ${maxPageSize} IDs, found ${ids.length}`);
    return Promise.all(ids.map((id, i) => this.registry.fetch(ctx.loaders, id, `ids[${i}]`)));
  }
}
