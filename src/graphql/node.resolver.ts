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

  /** The object behind a global ID, or a NOT_FOUND error (returned, not thrown, for list items). */
  async fetch(loaders: Loaders, globalId: string, field: string): Promise<object | NotFoundError> {
    const { type, id } = decodeGlobalId(globalId, field, [...this.fetchers.keys()]);
    const found = await this.fetchers.get(type)!(loaders, id);
    return found ?? new NotFoundError(type, globalId, field);
  }
}

@Resolver()
export class NodeResolver {
  constructor(private readonly registry: NodeRegistry) {}

  @Query(() => Node, { nullable: true, description: "Any object by its global ID; an unknown ID is a NOT_FOUND error." })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    const found = await this.registry.fetch(ctx.loaders, id, "id");
    if (found instanceof NotFoundError) throw found;
    return found;
  }

  @Query(() => [Node], { nullable: "items", description: `Up to ${maxPageSize} objects by global ID, in order; unknown ones are null with a NOT_FOUND error.` })
  nodes(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > maxPageSize) throw new BadUserInputError("ids", `expected at most ${maxPageSize} IDs, found ${ids.length}`);
    return Promise.all(ids.map((id, i) => this.registry.fetch(ctx.loaders, id, `ids[${i}]`)));
  }
}
