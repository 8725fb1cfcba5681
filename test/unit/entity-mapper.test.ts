import { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { Database } from "../../src/db/database";
import { entities } from "../../src/entities";
import { Post } from "../../src/modules/posts/post.entity";
import { User } from "../../src/modules/users/user.entity";

let ds: DataSource;
let db: Database;

beforeAll(async () => {
  ds = createDataSource({ dialect: "sqlite", path: ":memory:" }, { entities, synchronize: true });
  await ds.initialize();
  db = new Database(ds);
});

afterAll(() => ds.destroy());

describe("EntityMapper (raw rows → entities)", () => {
  it("converts every column exactly as TypeORM's own hydration does", async () => {
    await ds.getRepository(User).insert({ platform: "INSTAGRAM" as never, handle: "a", followers: 3, isBrand: true, attributes: { age: 30, extra: { k: [1] } } } as never);
    await ds.getRepository(Post).insert({
      authorId: 1, platform: "INSTAGRAM" as never, externalId: "x", text: "hi #a", mediaType: "PHOTO" as never, category: null, paid: true,
      publishedAt: new Date("2026-03-04T05:06:07.089Z"), hashtags: ["a"], mentions: [],
    } as never);
    for (const [target, table, alias] of [[User, "users", "u"], [Post, "posts", "p"]] as const) {
      const m = db.mapper(target as { prototype: object });
      const [row] = await db.query<Record<string, unknown>>(`SELECT ${m.select(alias)} FROM "${table}" "${alias}"`);
      const mine = m.hydrate(row) as Record<string, unknown>;
      const theirs = (await ds.getRepository(target as never).findOneByOrFail({ id: 1 } as never)) as Record<string, unknown>;
      expect({ ...mine }).toEqual({ ...theirs });
      expect(Object.getPrototypeOf(mine)).toBe((target as { prototype: object }).prototype);
    }
  });

  it("reads SQLite's datetime text as the UTC instant it was written as", () => {
    expect(db.toDate("2026-03-04 05:06:07.089")?.toISOString()).toBe("2026-03-04T05:06:07.089Z");
    expect(db.toDate("2026-03-04 05:06:07")?.toISOString()).toBe("2026-03-04T05:06:07.000Z");
    expect(db.toDate("2026-03-04T05:06:07+02:00")?.toISOString()).toBe("2026-03-04T03:06:07.000Z");
    expect(db.toDate(null)).toBeNull();
  });
});
