import { spawnSync } from "node:child_process";
import path from "node:path";

// A start that fails for a reason outside the code says why in one line, without a stack trace.
describe("a failed start", () => {
  const start = (databaseUrl: string) =>
    spawnSync(process.execPath, [path.resolve(__dirname, "../../dist/src/main.js")], {
      env: { PATH: process.env.PATH, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", DATABASE_URL: databaseUrl, SEED_ON_EMPTY: "false", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 30_000,
    });

  it.each([
    ["mysql://x", /^Resonance failed to start: expected DATABASE_URL to start with postgres:\/\/, postgresql:\/\/ or sqlite:, found "mysql:\/\/x"$/],
    ["postgres://%zz@127.0.0.1/db", /^Resonance failed to start: DATABASE_URL is not a valid URL \(URI malformed\)$/],
    ["postgres://app:app@127.0.0.1:1/app", /^Resonance failed to start: connect ECONNREFUSED 127\.0\.0\.1:1 \(ECONNREFUSED; check DATABASE_URL and that the database is running\)$/],
  ])("%s", (url, message) => {
    const r = start(url);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
