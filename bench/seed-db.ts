import "reflect-metadata";
import { readConfig } from "../src/config";
import { createLogger } from "../src/lib/logger";
import { consoleProgress } from "../src/lib/progress";
import { closeServices, createServices } from "../src/server";

/**
 * Child process of the bench: migrates the database of DATABASE_URL and writes the deterministic
 * demo data into it with seeds/seed.ts (the same services as the API). Options come as JSON in
 * argv[2]; the seed report is the last line on stdout. Exit code 3: the seed generator cannot be
 * loaded (seeds/generate.ts missing or broken).
 */
interface SeedArgs {
  seed: number;
  users: number;
  posts: number;
  interactions: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as SeedArgs;
  let seeds: typeof import("../seeds/seed");
  try {
    // Loaded here, not at the top, so a missing generator is reported as such (exit code 3).
    seeds = require("../seeds/seed") as typeof import("../seeds/seed");
  } catch (err) {
    process.stderr.write(`cannot load the seed generator (seeds/seed → seeds/generate): ${(err as Error).message}\n`);
    process.exit(3);
  }
  const config = readConfig({ ...process.env, SEED_ON_EMPTY: "false" });
  const services = await createServices(config, createLogger(config.logLevel));
  try {
    const report = await seeds.seedDemoData(services, args, consoleProgress());
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await closeServices(services);
  }
}

main().catch((err) => {
  process.stderr.write(`seeding failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
