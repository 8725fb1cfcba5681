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
  const upsertAll = async <T>(label: string, rows: readonly T[], upsert: (chunk: T[]) => Promise<{ items: unknown[] }>) => {
    let written = 0;
    progress.start(label, rows.length);
    for (let i = 0; i < rows.length; i += batch) {
      written += (await upsert(rows.slice(i, i + batch))).items.length;
      progress.update(Math.min(i + batch, rows.length));
    }
    progress.stop();
    return written;
  };
  const users = await upsertAll("users", data.users as UserInput[], (chunk) => services.users.upsert(chunk));
  const posts = await upsertAll("posts", data.posts as PostInput[], (chunk) => services.posts.upsert(chunk));
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
