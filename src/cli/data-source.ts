import "reflect-metadata";
import path from "node:path";
import { readConfig } from "../config";
import { createDataSource } from "../db/data-source";
import { entities } from "../entities";

/**
 * For the TypeORM CLI only (`typeorm migration:generate -d dist/src/cli/data-source.js`):
 * the database of DATABASE_URL, with every entity and the compiled migrations of its dialect.
 */
const config = readConfig();
export default createDataSource(config.database, { entities, migrationsRoot: path.join(config.root, "dist", "migrations") });
