import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { bool, cleanEnv, makeValidator, str } from "envalid";

/** Where the data lives: an embedded SQLite file (default) or a PostgreSQL server. */
export type DatabaseConfig =
  | { dialect: "sqlite"; path: string }
  | { dialect: "postgres"; url: string };

export interface Config {
  env: "development" | "test" | "production";
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Seed the demo data when the database has no users (first start). */
  seedOnEmpty: boolean;
  seed: { seed: number; users: number; posts: number; interactions: number };
  logLevel: string;
  /** Report the SQL statements a request ran in `extensions.sqlStatements` (tests, profiling). */
  countSql: boolean;
  /** Cache query results until the next write (effective on SQLite only, where every write is seen). */
  responseCache: boolean;
  /** Largest batch a mutation accepts. */
  maxBatch: number;
  /** Where the model specifications live (models/ by default). */
  modelsDir: string;
  /** The build version reported by /health. */
  version: string;
  /** The project root (where package.json lives). */
  root: string;
}

/** Defaults in one place; every other module gets its settings from the Config object. */
export const defaultConfig = {
  port: 4000,
  host: "127.0.0.1",
  databaseUrl: "sqlite:var/resonance.db",
  seed: { seed: 42, users: 2000, posts: 1500, interactions: 60000 },
  maxBatch: 5000,
} as const;

export const projectRoot = findRoot(__dirname);

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    try {
      readFileSync(path.join(dir, "package.json"));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return process.cwd();
      dir = parent;
    }
  }
}

/** A bad setting: its message says which and why, so it is printed without a stack trace. */
export class ConfigError extends Error {}

export function parseDatabaseUrl(url: string, root = projectRoot): DatabaseConfig {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return { dialect: "postgres", url };
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length).replace(/^\/\//, "");
    if (file === "") throw new ConfigError(`expected DATABASE_URL sqlite:<path>, found "${url}"`);
    return { dialect: "sqlite", path: file === ":memory:" ? file : path.resolve(root, file) };
  }
  throw new ConfigError(`expected DATABASE_URL to start with postgres://, postgresql:// or sqlite:, found "${url}"`);
}

/** A TCP port; 0 asks the system for a free one (tests, benchmarks). */
const portOrZero = makeValidator<number>((input) => {
  const n = Number(input);
  if (!/^\d+$/.test(String(input).trim()) || n > 65535) throw new Error(`expected a port between 0 and 65535, found "${input}"`);
  return n;
});


/** A whole number in [min, max] (the demo data's sizes: a typo should not start a billion-row seeding). */
const wholeNumber = (min: number, max: number) =>
  makeValidator<number>((input) => {
    const raw = String(input).trim();
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`expected a whole number from ${min} to ${max}, found "${input}"`);
    return n;
  });

/** A directory that exists (relative to the project). */
const directory = makeValidator<string>((input) => {
  const dir = path.resolve(projectRoot, String(input));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`expected a directory, found none at "${dir}"`);
  return String(input);
});

/** Reads and validates the environment once; nothing else reads process.env. Throws on a bad value. */
export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const env = cleanEnv(environment, {
    NODE_ENV: str({ choices: ["development", "test", "production"], default: "development" }),
    HOST: str({ default: defaultConfig.host }),
    PORT: portOrZero({ default: defaultConfig.port }),
    DATABASE_URL: str({ default: defaultConfig.databaseUrl }),
    SEED_ON_EMPTY: bool({ default: true }),
    SEED: wholeNumber(0, 2 ** 32 - 1)({ default: defaultConfig.seed.seed }),
    // The generator needs a brand account per platform and one person at least.
    SEED_USERS: wholeNumber(5, 1_000_000)({ default: defaultConfig.seed.users }),
    SEED_POSTS: wholeNumber(1, 1_000_000)({ default: defaultConfig.seed.posts }),
    SEED_INTERACTIONS: wholeNumber(0, 10_000_000)({ default: defaultConfig.seed.interactions }),
    LOG_LEVEL: str({ choices: ["fatal", "error", "warn", "info", "debug", "trace", "silent"], default: "info" }),
    COUNT_SQL: bool({ default: false }),
    RESPONSE_CACHE: bool({ default: true }),
    MODELS_DIR: directory({ default: "models" }),
  }, {
    reporter: ({ errors }) => {
      const bad = Object.entries(errors).map(([name, err]) => `${name}: ${(err as Error).message}`);
      if (bad.length) throw new ConfigError(`invalid environment: ${bad.join("; ")}`);
    },
  });
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string };
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    database: parseDatabaseUrl(env.DATABASE_URL),
    seedOnEmpty: env.SEED_ON_EMPTY,
    seed: { seed: env.SEED, users: env.SEED_USERS, posts: env.SEED_POSTS, interactions: env.SEED_INTERACTIONS },
    logLevel: env.LOG_LEVEL,
    countSql: env.COUNT_SQL,
    responseCache: env.RESPONSE_CACHE,
    maxBatch: defaultConfig.maxBatch,
    modelsDir: path.resolve(projectRoot, env.MODELS_DIR),
    version: pkg.version,
    root: projectRoot,
  };
}
