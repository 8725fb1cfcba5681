/** The operations the bench sends, and a tiny client for the one-off requests around the load. */

export const postsQuery =
  "query BenchPosts { posts(first: 20) { edges { cursor node { id text mediaType publishedAt hashtags author { id handle followers } " +
  "counters { likes comments shares impressions } } } pageInfo { hasNextPage endCursor } } }";

export const recommendationsQuery =
  "query BenchRecommendations($userId: ID!) { recommendations(userId: $userId, first: 10) { nodes { rank score reason source post { id text } } } }";

export const nodeQuery =
  "query BenchNode($id: ID!) { node(id: $id) { id ... on Post { text mediaType publishedAt author { id handle } counters { likes comments } } } }";

export const recordMutation =
  "mutation BenchRecord($batch: [InteractionInput!]!) { recordInteractions(interactions: $batch) { received recorded duplicates postsUpdated } }";

export const typenameQuery = "{ __typename }";

const postIdsQuery = "query BenchPostIds($after: String) { posts(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }";
const userIdsQuery = "query BenchUserIds($after: String) { users(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }";

export interface GraphQLReply {
  status: number;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };
}

export function requestBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables ? { query, variables } : { query });
}

export async function post(url: string, body: string): Promise<GraphQLReply> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  let json: GraphQLReply["json"];
  try {
    json = JSON.parse(text) as GraphQLReply["json"];
  } catch {
    throw new Error(`expected a JSON reply from ${url}, found (HTTP ${res.status}) ${text.slice(0, 300)}`);
  }
  return { status: res.status, text, json };
}

/** Sends one request and fails unless it is a real success: HTTP 2xx, data, no `errors`. */
export async function expectSuccess(url: string, body: string, what: string): Promise<GraphQLReply> {
  const reply = await post(url, body);
  if (reply.status < 200 || reply.status >= 300 || reply.json.errors?.length || reply.json.data == null) {
    throw new Error(`${what}: expected a successful GraphQL response, found HTTP ${reply.status} ${reply.text.slice(0, 500)}`);
  }
  return reply;
}

type IdPage = Record<string, { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>;

/** Up to `max` global ids of posts or users, paging through the API 100 at a time. */
export async function collectIds(url: string, kind: "posts" | "users", max: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < max) {
    const reply = await expectSuccess(url, requestBody(kind === "posts" ? postIdsQuery : userIdsQuery, { after }), `listing ${kind}`);
    const page = (reply.json.data as IdPage)[kind];
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return ids.slice(0, max);
}
