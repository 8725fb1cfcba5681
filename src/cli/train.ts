import "reflect-metadata";
import { readConfig } from "../config";
import { createLogger } from "../lib/logger";
import { consoleProgress } from "../lib/progress";
import { closeServices, createServices } from "../server";

/**
 * `npm run train -- <model>`: trains a model from the database of DATABASE_URL with the same service
 * as the trainModel mutation (worker thread, selection, holdout, promotion), showing progress, and
 * prints the version it made.
 */
async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name.startsWith("-") || rest.length > 0) {
    throw new Error(`usage: npm run train -- <model name> (see models/*.json)${rest.length > 0 ? `; found more: ${rest.join(" ")}` : ""}`);
  }
  const config = readConfig();
  const services = await createServices(config, createLogger(config.logLevel === "info" ? "warn" : config.logLevel));
  try {
    const run = await services.models.train(name);
    const progress = consoleProgress();
    progress.start(`training ${name}`, 100);
    while (run.status === "RUNNING") {
      progress.update(Math.round(run.progress * 100));
      await new Promise((r) => setTimeout(r, 250));
    }
    progress.update(100);
    progress.stop();
    const version = await services.models.versionById(run.versionId);
    if (run.status === "FAILED" || !version) throw new Error(`training failed: ${run.error ?? "unknown error"}`);
    const holdout = version.holdoutMetrics as { model?: Record<string, number>; baseline?: Record<string, number>; decision?: string } | null;
    process.stdout.write(
      `${name} v${version.version}: ${version.status}, ${version.algorithm} ${JSON.stringify(version.params)}\n` +
        `holdout ${JSON.stringify(holdout?.model)}\nbaseline ${JSON.stringify(holdout?.baseline)}\n${holdout?.decision ?? ""}\n`,
    );
  } finally {
    await closeServices(services);
  }
}

main().catch((err) => {
  process.stderr.write(`train failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
