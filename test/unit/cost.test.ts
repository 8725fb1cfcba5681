import { parse, type OperationDefinitionNode } from "graphql";
import { estimatedCost, maxQueryCost } from "../../src/graphql/cost";
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
    expect(cost(`{ users(first: 2) { nodes { ...P } } } fragment P on User { posts(first: 5) { nodes { id } } }`)).toBe(2 + 2 + 10 + 10);
    expect(cost(`{ node(id: "x") { ... on Post { interactions(first: 4) { nodes { id } } } } }`)).toBe(1 + 4 + 4);
    // A schema default (recommendations: first = 10) counts when none is given.
    expect(cost(`query($u: ID!) { recommendations(userId: $u) { nodes { post { id } } } }`, { u: "x" })).toBe(1 * 10 + 10 + 10);
  });

  it("puts three nested pages of 100 over the limit, and two under it", () => {
    const three = `{ posts(first: 100) { nodes { interactions(first: 100) { nodes { user { posts(first: 100) { nodes { id } } } } } } } }`;
    expect(cost(three)).toBeGreaterThan(maxQueryCost);
    expect(cost(`{ posts(first: 100) { nodes { interactions(first: 100) { nodes { id user { handle } } } } } }`)).toBeLessThan(maxQueryCost);
  });
});
