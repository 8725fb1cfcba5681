import type { InteractionInput, PostInput, UserInput } from "../__generated__/graphql";
import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "../__generated__/graphql";
import type { TestServer } from "./server";

/** A small, hand-made audience: 2 brands, `people` persons, `postsPerBrand` posts each. */
export interface World {
  brands: Array<{ id: string; handle: string }>;
  people: Array<{ id: string; handle: string }>;
  posts: Array<{ id: string; externalId: string; authorHandle: string }>;
}

export const t0 = Date.parse("2026-06-01T00:00:00Z");
export const hour = 3_600_000;

export async function buildWorld(api: TestServer, people = 20, postsPerBrand = 15): Promise<World> {
  const users: UserInput[] = [
    { platform: "INSTAGRAM", handle: "acme", isBrand: true, followers: 50_000, displayName: "Acme" },
    { platform: "INSTAGRAM", handle: "zenith", isBrand: true, followers: 9_000, displayName: "Zenith" },
    ...Array.from({ length: people }, (_, i) => ({ platform: "INSTAGRAM" as const, handle: `person${i}`, followers: 10 * i, attributes: { age: 20 + i } })),
  ];
  const u = await api.ok(UpsertUsersDocument, { users });
  const brands = u.upsertUsers.items.slice(0, 2).map((x) => ({ id: x.id, handle: x.handle }));
  const persons = u.upsertUsers.items.slice(2).map((x) => ({ id: x.id, handle: x.handle }));
  const posts: PostInput[] = [];
  for (const b of brands) {
    for (let i = 0; i < postsPerBrand; i++) {
      posts.push({
        platform: "INSTAGRAM",
        externalId: `${b.handle}-${i}`,
        authorHandle: b.handle,
        text: `Post ${i} by ${b.handle} #${i % 2 ? "running" : "yoga"} #summer`,
        mediaType: i % 3 === 0 ? "VIDEO" : "PHOTO",
        category: i % 2 ? "fitness" : "wellness",
        paid: i % 4 === 0,
        // Distinct times, interleaved between the brands.
        publishedAt: new Date(t0 + (i * 2 + (b.handle === "acme" ? 0 : 1)) * hour).toISOString(),
      });
    }
  }
  const p = await api.ok(UpsertPostsDocument, { posts });
  return {
    brands,
    people: persons,
    posts: p.upsertPosts.items.map((x) => ({ id: x.id, externalId: x.externalId, authorHandle: x.author.handle })),
  };
}

/** A deterministic batch of interactions of people with posts. */
export function interactionsFor(world: World, n: number, prefix = "e"): InteractionInput[] {
  const types = ["VIEW", "VIEW", "LIKE", "COMMENT", "SHARE", "CLICK", "CONVERSION"] as const;
  return Array.from({ length: n }, (_, i) => {
    const type = types[i % types.length];
    return {
      externalId: `${prefix}-${i}`,
      userId: world.people[(i * 7) % world.people.length].id,
      postId: world.posts[(i * 13) % world.posts.length].id,
      type,
      value: type === "CONVERSION" ? 19.99 : null,
      text: type === "COMMENT" ? `comment ${i} 👍` : null,
      occurredAt: new Date(t0 + 100 * hour + i * 1000).toISOString(),
    };
  });
}

export async function record(api: TestServer, interactions: InteractionInput[]) {
  return api.query(RecordInteractionsDocument, { interactions });
}
