import "reflect-metadata";
import { parseArgs } from "node:util";
import { readConfig } from "../config";
import { createLogger } from "../lib/logger";
import { consoleProgress } from "../lib/progress";
import { closeServices, createServices } from "../server";

/**
 * `npm run seed -- --users N --posts N --interactions N --seed S`: writes the deterministic demo data
 * into the database of DATABASE_URL (default var/resonance.db), through the same services as the API.
 * Re-running with the same options records nothing new.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const { values } = parseArgs({
    options: {
      users: { type: "string" },
      posts: { type: "string" },
      interactions: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write("usage: npm run seed -- [--users N] [--posts N] [--interactions N] [--seed S]\n");
    return;
  }
  const number = (name: keyof typeof values, fallback: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`expected --${name} to be a whole number, found "${String(raw)}"`);
    return n;
  };
  const options = {
    seed: number("seed", config.seed.seed),
    users: number("users", config.seed.users),
    posts: number("posts", config.seed.posts),
    interactions: number("interactions", config.seed.interactions),
  };
  const services = await createServices(config, createLogger(config.logLevel));
  try {
    const { seedDemoData } = require("../../seeds/seed") as typeof import("../../seeds/seed");
    const report = await seedDemoData(services, options, consoleProgress());
    process.stdout.write(
      `seeded ${report.users} users, ${report.posts} posts, ${report.interactions.recorded} new interactions ` +
        `(${report.interactions.duplicates} already present) in ${report.seconds.toFixed(1)} s into ${config.database.dialect}\n`,
    );
  } finally {
    await closeServices(services);
  }
}

main().catch((err) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
