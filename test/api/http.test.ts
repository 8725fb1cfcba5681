import { readFileSync } from "node:fs";
import path from "node:path";
import { buildClientSchema, buildSchema, findBreakingChanges, getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { startServer, type TestServer } from "./support/server";

let api: TestServer;

beforeAll(async () => {
  api = await startServer();
});

afterAll(async () => {
  await api?.stop();
});

describe("HTTP surface", () => {
  it("GET /health reports the database and the build version", async () => {
    const res = await fetch(`${api.origin}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const { version } = require("../../package.json") as { version: string };
    expect(body).toMatchObject({ status: "ok", version, database: { reachable: true, dialect: api.database.dialect } });
  });

  it("serves Apollo Sandbox to a browser outside production and redirects / to it", async () => {
    const page = await fetch(api.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/sandbox/i);
    const root = await fetch(`${api.origin}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/graphql");
  });

  it("answers the standard introspection query (Sandbox, codegen and connectors load the schema from the URL)", async () => {
    const res = await api.query<IntrospectionQuery, unknown>(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(res.errors).toBeUndefined();
    // What it describes is the checked-in schema.
    const served = buildClientSchema(res.data!);
    const checkedIn = buildSchema(readFileSync(path.join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8"));
    expect(findBreakingChanges(checkedIn, served)).toEqual([]);
    expect(findBreakingChanges(served, checkedIn)).toEqual([]);
    expect(Object.keys(served.getTypeMap()).sort()).toEqual(Object.keys(checkedIn.getTypeMap()).sort());
    // Introspection has its own, larger depth limit: it is bounded by the schema, but not without end.
    const ofType = (n: number): string => (n === 0 ? "name" : `name ofType { ${ofType(n - 1)} }`);
    const deep = await api.query(`{ __type(name: "Post") { fields { type { ${ofType(19)} } } } }`);
    expect(deep.errors?.[0]).toMatchObject({ message: "expected an introspection query at most 20 fields deep, found 23", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  });

  it("answers unknown routes, bad JSON and a too-deep query with a clear error, and keeps running", async () => {
    const missing = await fetch(`${api.origin}/nope`);
    expect(missing.status).toBe(404);
    const badJson = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(badJson.status).toBe(400);
    const deep = await api.query(`{ posts { nodes { author { posts { nodes { author { posts { nodes { author { posts { nodes { author { posts { nodes { id } } } } } } } } } } } } } } }`);
    expect(deep.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^expected a query at most 12 fields deep, found \d+/), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    // A body over the 50 MB limit is answered 413 (it used to be a connection reset), and the server goes on.
    const huge = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query":"${"x".repeat(51 * 1024 * 1024)}"}` });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ errors: [{ message: "expected a body of at most 52428800 bytes" }] });
    // Within the depth limit, but a million objects: refused before anything runs.
    const wide = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ posts(first: 100) { nodes { interactions(first: 100) { nodes { user { posts(first: 100) { nodes { id } } } } } } } }` }),
    });
    expect(wide.status).toBe(400);
    const body = (await wide.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/^expected a query returning at most 50,000 objects, found one that can return 2,030,200 /), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    // A list without a page size counts what was asked for: 100 IDs, each opening pages of 100 and 10 (it counted one ID).
    const ids = Array.from({ length: 100 }, (_, i) => `Post:${i + 1}`);
    const many = await api.query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Post { interactions(first: 100) { nodes { user { posts(first: 10) { nodes { id } } } } } } } }`, { ids });
    expect(many.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^expected a query returning at most 50,000 objects, found one that can return 230,100 /), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    const alive = await api.query(`{ posts(first: 1) { totalCount } }`);
    expect(alive.errors).toBeUndefined();
  });

  it("names the argument path of a value written inline that its type cannot read, as it does for a variable", async () => {
    const inline = await api.query(
      `mutation { upsertPosts(posts: [{ platform: INSTAGRAM, externalId: "a", authorHandle: "x", text: "ok", mediaType: PHOTO, publishedAt: "2026-01-01T00:00:00Z" }, { platform: INSTAGRAM, externalId: "b", authorHandle: "x", text: "ok", mediaType: PHOTO, publishedAt: "tomorrow" }]) { created } }`,
    );
    expect(inline.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "posts[1].publishedAt" } });
    // A required input field left out of an inline object is named itself, as a variable's would be.
    const leftOut = await api.query(`mutation { upsertUsers(users: [{ platform: INSTAGRAM, handle: "a" }, { handle: "b" }]) { created } }`);
    expect(leftOut.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "users[1].platform" } });
    const unknownField = await api.query(`{ posts(first: 1, filter: { platfrom: INSTAGRAM }) { totalCount } }`);
    expect(unknownField.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "filter.platfrom" } });
    const scalar = await api.query(`{ posts(first: "ten") { totalCount } }`);
    expect(scalar.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED", field: "first" } });
    // Sent as variables: a required input field left out, and a required variable left out, are named too.
    const missing = await api.query(`mutation($users: [UserInput!]!) { upsertUsers(users: $users) { created } }`, { users: [{ platform: "INSTAGRAM", handle: "a" }, { handle: "b" }] });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "users[1].platform" });
    const absent = await api.query(`query($id: ID!) { node(id: $id) { id } }`, {});
    expect(absent.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const scalarVar = await api.query(`query($after: DateTimeISO) { posts(first: 1, filter: { publishedAfter: $after }) { totalCount } }`, { after: "tomorrow" });
    // Named by the argument path the variable stands for, as a resolver's or an inline value's error would be.
    expect(scalarVar.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.publishedAfter" });
    const renamed = await api.query(`mutation($p: [UserInput!]!) { upsertUsers(users: $p) { created } }`, { p: [{ platform: "INSTAGRAM", handle: "a" }, { handle: "b" }] });
    expect(renamed.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "users[1].platform" });
    // A validation error that is not about an argument's value has no field.
    const noSuchField = await api.query(`{ posts(first: 1) { nope } }`);
    expect(noSuchField.errors?.[0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("allows cross-origin requests from a frontend", async () => {
    const pre = await fetch(api.url, { method: "OPTIONS", headers: { origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });
});
