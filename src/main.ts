import "reflect-metadata";
import { ConfigError, readConfig } from "./config";
import { createLogger } from "./lib/logger";
import { consoleProgress, logProgress } from "./lib/progress";
import { createServer } from "./server";

/** Process entry: read the config, start the server, print where it listens, stop cleanly on a signal. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  // A bar for someone at a terminal; elsewhere (a log shipper, CI) progress is a JSON log line like the others.
  const server = await createServer(config, logger, process.stderr.isTTY ? consoleProgress() : logProgress(logger));
  // Tests and scripts read this line to find the port.
  process.stdout.write(`Resonance ${config.version} ready at ${server.url} (database: ${config.database.dialect})\n`);
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    server
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, "stop failed");
        process.exit(1);
      });
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

/**
 * Why the start failed, in one line when the cause is outside the code: a bad setting, a database that refuses the
 * connection or the password (errors with a system or PostgreSQL code), a malformed URL; a stack trace otherwise.
 */
function startError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof URIError) return `DATABASE_URL is not a valid URL (${err.message})`;
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof Error && typeof code === "string") return `${err.message} (${code}; check DATABASE_URL and that the database is running)`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

main().catch((err) => {
  process.stderr.write(`Resonance failed to start: ${startError(err)}\n`);
  process.exit(1);
});
