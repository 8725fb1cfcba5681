import { ConfigError, readConfig } from "../../src/config";

describe("readConfig", () => {
  it("reads the defaults", () => {
    const c = readConfig({});
    expect(c.seed).toEqual({ seed: 42, users: 2000, posts: 1500, interactions: 60000 });
    expect(c.port).toBe(4000);
  });

  it("refuses demo-data sizes that are not whole numbers in range, naming the variable", () => {
    for (const [name, value] of [["SEED_USERS", "-5"], ["SEED_USERS", "1.5"], ["SEED_USERS", "4"], ["SEED_POSTS", "0"], ["SEED_INTERACTIONS", "1e9"], ["SEED_INTERACTIONS", "20000000"], ["SEED", "abc"]]) {
      expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
      expect(() => readConfig({ [name]: value })).toThrow(new RegExp(`^invalid environment: ${name}: expected a whole number from \\d+ to \\d+, found "${value.replace(".", "\\.")}"`));
    }
    expect(readConfig({ SEED_USERS: "5", SEED_POSTS: "1", SEED_INTERACTIONS: "0" }).seed).toMatchObject({ users: 5, posts: 1, interactions: 0 });
  });

  it("refuses a MODELS_DIR that is not a directory", () => {
    expect(() => readConfig({ MODELS_DIR: "/nonexistent/specs" })).toThrow('invalid environment: MODELS_DIR: expected a directory, found none at "/nonexistent/specs"');
  });

  it("refuses a DATABASE_URL it cannot read as a ConfigError (printed without a stack trace)", () => {
    expect(() => readConfig({ DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    expect(() => readConfig({ DATABASE_URL: "mysql://x" })).toThrow('expected DATABASE_URL to start with postgres://, postgresql:// or sqlite:, found "mysql://x"');
    expect(() => readConfig({ DATABASE_URL: "sqlite:" })).toThrow(ConfigError);
  });
});
