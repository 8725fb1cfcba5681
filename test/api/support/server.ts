import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { print, type DocumentNode } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { createTestDatabase, type TestDatabase } from "../../support/database";

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface TestServer {
  url: string;
  /** The server's origin, e.g. http://127.0.0.1:40123 */
  origin: string;
  database: TestDatabase;
  query<TData, TVars>(doc: TypedDocumentNode<TData, TVars> | DocumentNode | string, variables?: TVars): Promise<GraphQLResponse<TData>>;
  /** The data of a query that must succeed (throws with the errors otherwise). */
  ok<TData, TVars>(doc: TypedDocumentNode<TData, TVars> | DocumentNode | string, variables?: TVars): Promise<TData>;
  stop(): Promise<void>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

const root = path.resolve(__dirname, "../../..");

/**
 * Starts the built server (`node dist/src/main.js`, so `npm test` builds first) on port 0 with its
 * own fresh database, and talks to it over real HTTP.
 */
export async function startServer(
  options: { seed?: boolean; env?: Record<string, string>; /** Reuse this database (and leave it in place on stop). */ database?: TestDatabase } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "dist/src/main.js")], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: database.url,
      SEED_ON_EMPTY: options.seed ? "true" : "false",
      LOG_LEVEL: "warn",
      COUNT_SQL: "true",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${stderr}`)), 120_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace("localhost", "127.0.0.1"));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${stderr}`));
    });
  });
  const query = async <TData, TVars>(doc: TypedDocumentNode<TData, TVars> | DocumentNode | string, variables?: TVars) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: typeof doc === "string" ? doc : print(doc), variables }),
    });
    return (await res.json()) as GraphQLResponse<TData>;
  };
  return {
    url,
    origin: new URL(url).origin,
    database,
    query,
    async ok(doc, variables) {
      const r = await query(doc, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
      return r.data!;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!options.database) await database.drop();
    },
    stderr: () => stderr,
  };
}
