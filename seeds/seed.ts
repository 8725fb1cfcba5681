import type { InteractionInput } from "../src/modules/interactions/interaction.inputs";
import type { InteractionService } from "../src/modules/interactions/interaction.service";
import type { PostInput } from "../src/modules/posts/post.inputs";
import type { PostService } from "../src/modules/posts/post.service";
import type { UserInput } from "../src/modules/users/user.inputs";
import type { UserService } from "../src/modules/users/user.service";
import { silentProgress, type Progress } from "../src/lib/progress";
import { defaultDemoOptions, generateDemoData, type DemoOptions } from "./generate";

export interface SeedServices {
  users: UserService;
  posts: PostService;
  interactions: InteractionService;
}

export interface SeedReport {
  users: number;
  posts: number;
  interactions: { recorded: number; duplicates: number };
  seconds: number;
}

const batch = 5000;

/**
 * Writes the demo data through the same services (and so the same validation, idempotency and
 * counters) as the API, in batches of 5,000. Re-running with the same options changes nothing.
 */
export async function seedDemoData(services: SeedServices, options: Partial<DemoOptions> = {}, progress: Progress = silentProgress): Promise<SeedReport> {
  const started = performance.now();
  const data = generateDemoData(options);
  let users = 0;
  progress.start("users", data.users.length);
  for (let i = 0; i < data.users.length; i += batch) {
    const result = await services.users.upsert(data.users.slice(i, i + batch) as UserInput[]);
    users += result.items.length;
    progress.update(Math.min(i + batch, data.users.length));
  }
  progress.stop();
  let posts = 0;
  progress.start("posts", data.posts.length);
  for (let i = 0; i < data.posts.length; i += batch) {
    const result = await services.posts.upsert(data.posts.slice(i, i + batch) as PostInput[]);
    posts += result.items.length;
    progress.update(Math.min(i + batch, data.posts.length));
  }
  progress.stop();
  const total = options.interactions ?? defaultDemoOptions.interactions;
  let done = 0;
  let recorded = 0;
  let duplicates = 0;
  progress.start("interactions", total);
  let pending: InteractionInput[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const r = await services.interactions.record(pending);
    recorded += r.recorded;
    duplicates += r.duplicates;
    done += pending.length;
    pending = [];
    progress.update(done);
  };
  for (const interaction of data.interactions()) {
    pending.push(interaction as InteractionInput);
    if (pending.length === batch) await flush();
  }
  await flush();
  progress.stop();
  return { users, posts, interactions: { recorded, duplicates }, seconds: (performance.now() - started) / 1000 };
}
