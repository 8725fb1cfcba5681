import { GraphQLID, GraphQLInterfaceType, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type OperationDefinitionNode } from "graphql";
import { uncacheableReason } from "../../src/graphql/response-cache";

// A schema with one uncacheable type (Run), one uncacheable field (Query.live) and an interface (Node)
// that both a cacheable and an uncacheable type implement.
const marked = (why: string) => ({ responseCache: { uncacheable: why } });
const Node = new GraphQLInterfaceType({ name: "Node", fields: { id: { type: GraphQLID } } });
const Run = new GraphQLObjectType({ name: "Run", extensions: marked("in memory"), fields: { progress: { type: GraphQLString } } });
const Version = new GraphQLObjectType({ name: "Version", interfaces: [Node], fields: { id: { type: GraphQLID }, run: { type: Run }, note: { type: GraphQLString } } });
const Post = new GraphQLObjectType({ name: "Post", interfaces: [Node], fields: { id: { type: GraphQLID }, text: { type: GraphQLString } } });
const schema = new GraphQLSchema({
  types: [Version, Post],
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      posts: { type: new GraphQLList(Post) },
      versions: { type: new GraphQLList(Version) },
      node: { type: Node, args: { id: { type: GraphQLID } } },
      run: { type: Run },
      live: { type: GraphQLString, extensions: marked("the clock") },
    },
  }),
});

function reason(query: string): string | undefined {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  return uncacheableReason(schema, document, operation);
}

describe("uncacheableReason", () => {
  it("lets a query of database fields be cached", () => {
    expect(reason(`{ posts { id text } versions { id note } node(id: "1") { id ... on Post { text } } __typename }`)).toBeUndefined();
  });

  it("finds a marked field and a field returning a marked type, however deep", () => {
    expect(reason(`{ posts { id } live }`)).toBe("Query.live: the clock");
    expect(reason(`{ run { progress } }`)).toBe("Run: in memory");
    expect(reason(`{ versions { id run { progress } } }`)).toBe("Run: in memory");
  });

  it("follows named fragments, inline fragments and interfaces", () => {
    expect(reason(`query Q { versions { ...V } } fragment V on Version { note ...R } fragment R on Version { run { progress } }`)).toBe("Run: in memory");
    expect(reason(`{ node(id: "1") { ... on Version { run { progress } } } }`)).toBe("Run: in memory");
    expect(reason(`{ node(id: "1") { ...N } } fragment N on Node { id ... on Version { run { progress } } }`)).toBe("Run: in memory");
  });
});
