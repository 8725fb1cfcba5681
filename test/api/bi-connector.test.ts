import { startServer, type TestServer } from "./support/server";

// What a BI connector (Grafana's or Power BI's GraphQL source) does: one query per page, `first` as large as it
// dares, `pageInfo.endCursor` followed until `hasNextPage` is false, rows keyed by their documented key.
let api: TestServer;

beforeAll(async () => {
  api = await startServer({ seed: true, env: { SEED: "5", SEED_USERS: "120", SEED_POSTS: "80", SEED_INTERACTIONS: "3000" } });
});

afterAll(async () => {
  await api?.stop();
});

describe("page sizes a BI connector sends", () => {
  // A connector asking for "everything" in one page got GRAPHQL_VALIDATION_FAILED (HTTP 400, no field) from the
  // cost limit, which counted the page as 100,000 rows before the field could say what it takes.
  it.each([
    ["posts", `{ posts(first: 100000) { nodes { id } } }`, "expected `first` between 1 and 100, found 100000"],
    ["interactions", `{ interactions(first: 100000) { edges { cursor node { id } } } }`, "expected `first` between 1 and 100, found 100000"],
    ["users (last)", `{ users(last: 100000) { nodes { id } } }`, "expected `last` between 1 and 100, found 100000"],
    ["sentimentSeries", `{ sentimentSeries(first: 100000) { nodes { count } } }`, "expected `first` between 1 and 1000, found 100000"],
    ["segmentSeries", `{ segmentSeries(first: 100000) { nodes { interactions } } }`, "expected `first` between 1 and 1000, found 100000"],
    ["shareOfVoice", `{ shareOfVoice(first: 100000) { groups { count } } }`, "expected `first` between 1 and 100, found 100000"],
    ["sentimentAlerts", `{ sentimentAlerts(first: 100000) { id } }`, "expected `first` between 1 and 100, found 100000"],
  ])("a huge page of %s is BAD_USER_INPUT on the argument", async (_name, query, message) => {
    const r = await api.query(query);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: message.includes("`last`") ? "last" : "first" });
    expect(r.errors![0].message).toContain(message);
  });

  it("still refuses nested pages that could return too much, whatever their sizes", async () => {
    const r = await api.query(`{ posts(first: 100000) { nodes { interactions(first: 100) { nodes { id } } } } }`);
    expect(r.errors![0].extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
