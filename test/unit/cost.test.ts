import { parse, type OperationDefinitionNode } from "graphql";
import { dataListSize, estimatedCost, maxQueryCost } from "../../src/graphql/cost";
import { largestPageSize } from "../../src/graphql/relay";
import { createSchema, type Services } from "../../src/server";

const schema = createSchema({} as Services);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")!;
  return estimatedCost(schema, document, operation, variables);
}

describe("estimatedCost", () => {
  it("counts each object once per object it is reached through, pages multiplying what is below them", () => {
    // 100 posts (the connection field) + 100 nodes + 100 authors.
    expect(cost(`{ posts(first: 100) { nodes { id author { handle } } } }`)).toBe(300);
    // + 100 × 50 interactions pages, their nodes and the nodes' users: 300 + 3 × 5,000.
    expect(cost(`{ posts(first: 100) { nodes { id author { handle } interactions(first: 50) { nodes { user { id } } } } } }`)).toBe(15_300);
    // Scalars cost nothing; a connection without a page size counts its default page (20).
    expect(cost(`{ posts { totalCount } }`)).toBe(20);
    expect(cost(`{ posts { edges { node { id } } } }`)).toBe(60);
  });

  it("reads page sizes from variables and `last`, and follows fragments and inline fragments", () => {
    expect(cost(`query($n: Int) { users(first: $n) { nodes { id } } }`, { n: 7 })).toBe(14);
    expect(cost(`{ users(last: 3) { nodes { id } } }`)).toBe(6);
    // A variable not sent takes its default in the query, as execution does (it counted as no page size, 20).
    expect(cost(`query($n: Int = 60) { users(first: $n) { nodes { id } } }`)).toBe(120);
    expect(cost(`query($n: Int = 60) { users(first: $n) { nodes { id } } }`, { n: 5 })).toBe(10);
    expect(cost(`query($ids: [ID!]! = ["a", "b", "c"]) { nodes(ids: $ids) { id } }`)).toBe(3);
    expect(cost(`{ users(first: 2) { nodes { ...P } } } fragment P on User { posts(first: 5) { nodes { id } } }`)).toBe(2 + 2 + 10 + 10);
    expect(cost(`{ node(id: "x") { ... on Post { interactions(first: 4) { nodes { id } } } } }`)).toBe(1 + 4 + 4);
    // A schema default (recommendations: first = 10) counts when none is given.
    expect(cost(`query($u: ID!) { recommendations(userId: $u) { nodes { post { id } } } }`, { u: "x" })).toBe(1 * 10 + 10 + 10);
  });

  it("counts a list without a page size by the list it was asked for: its own argument, the mutation's batch, else the data's bound", () => {
    // nodes(ids): one object per ID (3), then 3 × 10 posts pages and 3 × 10 nodes.
    expect(cost(`{ nodes(ids: ["a", "b", "c"]) { ... on User { posts(first: 10) { nodes { id } } } } }`)).toBe(3 + 30 + 30);
    // analyzeText: 2 texts, each with a data-bounded list of sentences (dataListSize = 10).
    expect(dataListSize).toBe(10);
    expect(cost(`{ analyzeText(texts: ["Good.", "Bad. Worse."]) { score sentences { text } } }`)).toBe(2 + 2 * 10);
    // A mutation's answer lists one item per row sent: 1 payload + 4 items + 4 × 5 interactions pages + 4 × 5 nodes.
    const posts = Array.from({ length: 4 }, (_, i) => ({ platform: "INSTAGRAM", externalId: `p${i}`, authorId: "User:1", type: "IMAGE", text: "x" }));
    expect(cost(`mutation($p: [PostInput!]!) { upsertPosts(posts: $p) { created items { id interactions(first: 5) { nodes { id } } } } }`, { p: posts })).toBe(1 + 4 + 20 + 20);
    // A batch of 5,000 rows under which each item opens a page of 100 is refused like three nested pages.
    const batch = Array.from({ length: 5000 }, (_, i) => ({ platform: "INSTAGRAM", externalId: `p${i}`, authorId: "User:1", type: "IMAGE", text: "x" }));
    expect(cost(`mutation($p: [PostInput!]!) { upsertPosts(posts: $p) { items { interactions(first: 100) { nodes { id } } } } }`, { p: batch })).toBeGreaterThan(maxQueryCost);
    // Lists bounded by the data: 10 segments × 10 means; a list with a page argument and no default counts a default page (20).
    expect(cost(`{ segments { name means { feature } } }`)).toBe(10 + 100);
    expect(cost(`{ sentimentAlerts { id drivers { score } } }`)).toBe(20 + 20 * 5);
  });

  it("counts a page size beyond what any field takes as the largest one (the field refuses it, naming the argument)", () => {
    // posts(first: 100000) counted as 100,000 + 100,000 nodes was refused by this limit (GRAPHQL_VALIDATION_FAILED,
    // no field) before `posts` could say BAD_USER_INPUT on `first`; it counts as 1,000 now, and the field refuses it.
    expect(largestPageSize).toBe(1000);
    expect(cost(`{ posts(first: 100000) { nodes { id } } }`)).toBe(2 * largestPageSize);
    expect(cost(`{ sentimentSeries(first: 60000) { edges { cursor } nodes { count } } }`)).toBe(3 * largestPageSize);
    // Nested, an oversized page still multiplies what is below it, as the largest page would.
    expect(cost(`{ posts(first: 100000) { nodes { interactions(first: 100) { nodes { id } } } } }`)).toBeGreaterThan(maxQueryCost);
  });

  it("puts three nested pages of 100 over the limit, and two under it", () => {
    const three = `{ posts(first: 100) { nodes { interactions(first: 100) { nodes { user { posts(first: 100) { nodes { id } } } } } } } }`;
    expect(cost(three)).toBeGreaterThan(maxQueryCost);
    expect(cost(`{ posts(first: 100) { nodes { interactions(first: 100) { nodes { id user { handle } } } } } }`)).toBeLessThan(maxQueryCost);
  });
});
