import { parseArgs } from "node:util";
import type { Sizes } from "./dataset";

export const caseNames = ["http", "apollo", "posts", "posts-nocache", "node", "node-nocache", "record", "record-stream", "posts-training", "forest", "sentiment", "recommendations"] as const;
export type CaseName = (typeof caseNames)[number];

/**
 * Defaults in one place. A default run of the load cases took a little over 3 minutes of wall time on the
 * 2-core machine; `forest` adds about 11 (ml-random-forest with maxSamples 2000 and 100 trees takes ~9),
 * `posts-training` about 2.
 */
export const defaultOptions = {
  sizes: { seed: 42, users: 5_000, posts: 10_000, interactions: 200_000 } satisfies Sizes,
  large: { seed: 42, users: 20_000, posts: 100_000, interactions: 1_000_000 } satisfies Sizes,
  connections: [10, 50],
  duration: 10,
  warmup: 2,
  batch: 1_000,
  /** How many post ids node(id) rotates over (more than the response cache's 500 entries). */
  nodeIds: 2_000,
  /** Seconds before autocannon counts a request as timed out. */
  timeout: 30,
  /** The model that posts-training trains over and over (a spec in models/). */
  trainModel: "engagement",
  /**
   * The forest case's synthetic table, and the trees of the timed ml-random-forest (maxSamples 2000):
   * 100, as many as ours, so the accuracies compare (they took 556 s here; fewer are scaled in time only).
   */
  forestRows: 30_000,
  forestFeatures: 60,
  forestMlTrees: 100,
} as const;

export interface BenchOptions {
  sizes: Sizes;
  connections: number[];
  duration: number;
  warmup: number;
  batch: number;
  only: CaseName[];
  pg: boolean;
  db?: string;
  fresh: boolean;
  keep: boolean;
  trainModel: string;
  forestRows: number;
  forestFeatures: number;
  forestMlTrees: number;
}

export const usage = `usage: npm run bench -- [options]

  --users N --posts N --interactions N --seed S
                        data set size (default ${defaultOptions.sizes.users} / ${defaultOptions.sizes.posts} / ${defaultOptions.sizes.interactions}, seed ${defaultOptions.sizes.seed})
  --large               ${defaultOptions.large.users} users / ${defaultOptions.large.posts} posts / ${defaultOptions.large.interactions} interactions
  --connections 10,50   connection counts to load with (default ${defaultOptions.connections.join(",")})
  --duration S          measured seconds per case and connection count (default ${defaultOptions.duration})
  --warmup S            warm-up seconds before each measurement (default ${defaultOptions.warmup})
  --batch N             rows per recordInteractions request (default ${defaultOptions.batch})
  --only a,b            cases to run: ${caseNames.join(", ")} (the two baselines always run)
  --pg                  run the Resonance cases on PostgreSQL (DATABASE_URL from the environment)
  --db FILE             bench a copy of an existing SQLite file instead of the seeded data set
  --fresh               re-seed even when var/bench/db/ has the data set
  --keep                keep the temporary copies of the database
  --train-model NAME    the model posts-training trains in a loop (default ${defaultOptions.trainModel}; see models/)
  --forest-rows N       rows of the forest case's synthetic table, 80% for training (default ${defaultOptions.forestRows})
  --forest-features N   its numeric columns (default ${defaultOptions.forestFeatures}, at least 10)
  --forest-ml-trees N   trees of the timed ml-random-forest with maxSamples 2000 (default ${defaultOptions.forestMlTrees};
                        ~5.5 s per tree here; fewer than 100 are scaled linearly to 100 in the report)
`;

function whole(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`expected --${name} to be a whole number ≥ ${min}, found "${raw}"`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: "string" },
      posts: { type: "string" },
      interactions: { type: "string" },
      seed: { type: "string" },
      large: { type: "boolean", default: false },
      connections: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      batch: { type: "string" },
      only: { type: "string" },
      pg: { type: "boolean", default: false },
      db: { type: "string" },
      fresh: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      "train-model": { type: "string" },
      "forest-rows": { type: "string" },
      "forest-features": { type: "string" },
      "forest-ml-trees": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  const base = values.large ? defaultOptions.large : defaultOptions.sizes;
  const sizes: Sizes = {
    seed: whole("seed", values.seed, base.seed),
    users: whole("users", values.users, base.users, 1),
    posts: whole("posts", values.posts, base.posts, 1),
    interactions: whole("interactions", values.interactions, base.interactions),
  };
  const connections = values.connections === undefined ? [...defaultOptions.connections] : values.connections.split(",").map((c) => whole("connections", c.trim(), 0, 1));
  const only = (values.only?.split(",").map((s) => s.trim()).filter(Boolean) ?? [...caseNames]) as CaseName[];
  for (const name of only) {
    if (!caseNames.includes(name)) throw new Error(`expected --only to list cases among ${caseNames.join(", ")}, found "${name}"`);
  }
  if (values.pg && values.db) throw new Error("expected at most one of --pg and --db");
  const trainModel = values["train-model"] ?? defaultOptions.trainModel;
  if (!/^[A-Za-z0-9_-]+$/.test(trainModel)) throw new Error(`expected --train-model to name a spec in models/, found "${trainModel}"`);
  return {
    sizes,
    connections,
    duration: whole("duration", values.duration, defaultOptions.duration, 1),
    warmup: whole("warmup", values.warmup, defaultOptions.warmup),
    batch: whole("batch", values.batch, defaultOptions.batch, 1),
    only: caseNames.filter((n) => n === "http" || n === "apollo" || only.includes(n)),
    pg: values.pg,
    db: values.db,
    fresh: values.fresh,
    keep: values.keep,
    trainModel,
    forestRows: whole("forest-rows", values["forest-rows"], defaultOptions.forestRows, 100),
    forestFeatures: whole("forest-features", values["forest-features"], defaultOptions.forestFeatures, 10),
    forestMlTrees: whole("forest-ml-trees", values["forest-ml-trees"], defaultOptions.forestMlTrees, 1),
  };
}
