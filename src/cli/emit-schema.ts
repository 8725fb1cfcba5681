import "reflect-metadata";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../config";
import { printAppSchema } from "../graphql/build-schema";
import { createSchema, type Services } from "../server";

/**
 * `npm run schema:emit` writes schema/schema.graphql; `npm run schema:check` (`--check`) fails when
 * the checked-in file differs from what the code builds. Building the schema calls no service, so
 * none is wired here.
 */
const file = path.join(projectRoot, "schema", "schema.graphql");
const sdl = printAppSchema(createSchema({} as Services));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // a missing file is stale too
  }
  if (current !== sdl) {
    process.stderr.write("schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.\n");
    process.exit(1);
  }
  process.stdout.write("schema/schema.graphql is up to date.\n");
} else {
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${sdl.length} characters)\n`);
}
