import { readFileSync } from "node:fs";
import path from "node:path";
import { printAppSchema } from "../src/graphql/build-schema";
import { createSchema, type Services } from "../src/server";

describe("schema/schema.graphql", () => {
  it("equals the SDL the resolvers build (run `npm run schema:emit` when this fails)", () => {
    const built = printAppSchema(createSchema({} as Services));
    const checkedIn = readFileSync(path.join(__dirname, "..", "schema", "schema.graphql"), "utf8");
    expect(checkedIn).toBe(built);
  });
});
