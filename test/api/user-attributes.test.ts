import { startServer, type TestServer } from "./support/server";

// upsertUsers updates a person's CRM attributes attribute by attribute (and `extra` key by key): what a
// request leaves out keeps its stored value, an explicit null clears that one attribute (an `extra` key set
// to null reads null), `extra: null` clears the extra keys and `attributes: null` clears them all.

type Attrs = { age: number | null; gender: string | null; job: string | null; country: string | null; extra: Record<string, unknown> | null };
type Upserted = { upsertUsers: { created: number; updated: number; merged: number; items: Array<{ id: string; handle: string; attributes: Attrs | null }> } };

const Upsert = `mutation($users: [UserInput!]!) { upsertUsers(users: $users) { created updated merged items { id handle attributes { age gender job country extra } } } }`;
const Read = `query($id: ID!) { node(id: $id) { ... on User { handle attributes { age gender job country extra } } } }`;

let api: TestServer;

beforeAll(async () => {
  api = await startServer();
});

afterAll(async () => {
  await api?.stop();
});

async function upsert(users: unknown[]): Promise<Upserted["upsertUsers"]> {
  return (await api.ok<Upserted, unknown>(Upsert, { users })).upsertUsers;
}

async function stored(id: string): Promise<Attrs | null> {
  return (await api.ok<{ node: { attributes: Attrs | null } }, unknown>(Read, { id })).node.attributes;
}

describe("upsertUsers and CRM attributes", () => {
  it("keeps the attributes a later upsert leaves out", async () => {
    const first = await upsert([{ platform: "INSTAGRAM", handle: "@Ada", attributes: { age: 34, country: "gb" } }]);
    expect(first.items[0].attributes).toMatchObject({ age: 34, country: "GB", job: null });
    const second = await upsert([{ platform: "INSTAGRAM", handle: "ada", attributes: { job: "engineer" } }]);
    expect(second).toMatchObject({ created: 0, updated: 1 });
    expect(second.items[0].attributes).toEqual({ age: 34, gender: null, job: "engineer", country: "GB", extra: null });
    expect(await stored(first.items[0].id)).toEqual({ age: 34, gender: null, job: "engineer", country: "GB", extra: null });
    // A row without `attributes` keeps them all.
    await upsert([{ platform: "INSTAGRAM", handle: "ada", followers: 10 }]);
    expect(await stored(first.items[0].id)).toEqual({ age: 34, gender: null, job: "engineer", country: "GB", extra: null });
  });

  it("merges `extra` key by key", async () => {
    const a = await upsert([{ platform: "TWITTER", handle: "bo", attributes: { age: 40, extra: { plan: "pro", seats: 3 } } }]);
    await upsert([{ platform: "TWITTER", handle: "bo", attributes: { extra: { region: "north" } } }]);
    expect(await stored(a.items[0].id)).toEqual({ age: 40, gender: null, job: null, country: null, extra: { plan: "pro", seats: 3, region: "north" } });
    await upsert([{ platform: "TWITTER", handle: "bo", attributes: { extra: { seats: 5 } } }]);
    expect((await stored(a.items[0].id))?.extra).toEqual({ plan: "pro", seats: 5, region: "north" });
  });

  it("clears one attribute (or one extra key's value) with an explicit null, and all of them with attributes: null", async () => {
    const c = await upsert([{ platform: "TIKTOK", handle: "cy", attributes: { age: 22, gender: "female", job: "student", country: "pt", extra: { plan: "free", club: "a" } } }]);
    const id = c.items[0].id;
    await upsert([{ platform: "TIKTOK", handle: "cy", attributes: { job: null, extra: { club: null } } }]);
    expect(await stored(id)).toEqual({ age: 22, gender: "female", job: null, country: "PT", extra: { plan: "free", club: null } });
    // A blank string is no value either.
    await upsert([{ platform: "TIKTOK", handle: "cy", attributes: { gender: "  " } }]);
    expect(await stored(id)).toEqual({ age: 22, gender: null, job: null, country: "PT", extra: { plan: "free", club: null } });
    await upsert([{ platform: "TIKTOK", handle: "cy", attributes: { extra: null } }]);
    expect(await stored(id)).toEqual({ age: 22, gender: null, job: null, country: "PT", extra: null });
    await upsert([{ platform: "TIKTOK", handle: "cy", attributes: null }]);
    expect(await stored(id)).toBeNull();
    // And they can be set again afterwards.
    await upsert([{ platform: "TIKTOK", handle: "cy", attributes: { age: 23 } }]);
    expect(await stored(id)).toEqual({ age: 23, gender: null, job: null, country: null, extra: null });
  });

  it("applies rows for the same person within one batch in order", async () => {
    const d = await upsert([
      { platform: "FACEBOOK", handle: "dee", attributes: { age: 50, country: "fr" } },
      { platform: "FACEBOOK", handle: "@Dee", attributes: { job: "chef", extra: { a: 1 } } },
      { platform: "FACEBOOK", handle: "dee", attributes: { country: null, extra: { b: 2 } } },
    ]);
    expect(d).toMatchObject({ created: 1, merged: 2 });
    expect(await stored(d.items[0].id)).toEqual({ age: 50, gender: null, job: "chef", country: null, extra: { a: 1, b: 2 } });
  });

  it("still validates each attribute sent", async () => {
    const bad = await api.query(Upsert, { users: [{ platform: "INSTAGRAM", handle: "ada", attributes: { age: 7 } }] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "users[0].attributes.age" });
    expect((await upsert([{ platform: "INSTAGRAM", handle: "ada" }])).items[0].attributes).toMatchObject({ age: 34, job: "engineer" });
  });

  it("takes a country as an ISO 3166-1 alpha-2 code and a language as an ISO 639-1 code, and refuses anything else", async () => {
    const bad = await api.query(Upsert, {
      users: [
        { platform: "INSTAGRAM", handle: "ada", attributes: { country: "zzz" } },
        { platform: "INSTAGRAM", handle: "bo", attributes: { country: "XX", language: "english" } },
        { platform: "INSTAGRAM", handle: "cy", attributes: { language: "qq" } },
      ],
    });
    const problems = bad.errors?.[0].extensions?.problems as Array<{ field: string; message: string }>;
    expect(problems.map((p) => p.field)).toEqual(["users[0].attributes.country", "users[1].attributes.country", "users[1].attributes.language", "users[2].attributes.language"]);
    expect(problems[0].message).toBe('expected an ISO 3166-1 alpha-2 country code (e.g. GB), found "zzz"');
    expect(problems[1].message).toBe('expected an ISO 3166-1 alpha-2 country code (e.g. GB), found "XX", which is not one');
    const ok = await upsert([{ platform: "INSTAGRAM", handle: "ada", attributes: { country: "pt", language: "pt" } }]);
    expect(ok.items[0].attributes).toMatchObject({ country: "PT" });
  });
});
