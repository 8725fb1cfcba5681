import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ModelSpecs, validateSpec } from "../../src/modules/models/model-specs";
import { buildPostRow, postFeatures, type PostFacts } from "../../src/modules/predictions/post-features";
import { buildUserRow, type UserFacts } from "../../src/modules/predictions/user-features";

const post: PostFacts = {
  text: "Trail day? 🏃‍♀️🌲 New drop: https://example.com/x #running #trail @kestrel",
  mediaType: "VIDEO",
  category: "running",
  paid: true,
  platform: "INSTAGRAM",
  // 2026-03-06 is a Friday.
  publishedAt: new Date("2026-03-06T18:45:00Z"),
  hashtags: ["running", "trail"],
  mentions: ["kestrel"],
  authorFollowers: 12000,
};

describe("post feature builders", () => {
  it("read only what is known before publishing, by hand", () => {
    const row = buildPostRow(post, Object.keys(postFeatures));
    expect(row).toEqual({
      mediaType: "VIDEO",
      platform: "INSTAGRAM",
      category: "running",
      paid: true,
      hour: 18,
      weekday: "fri",
      month: 3,
      textLength: post.text.length,
      wordCount: 9, // "Trail" "day?" "🏃‍♀️🌲" "New" "drop:" "https://…" "#running" "#trail" "@kestrel"
      hashtagCount: 2,
      mentionCount: 1,
      emojiCount: 2, // the runner (one pictograph with its modifiers) and the tree
      hasLink: true,
      hasQuestion: true,
      authorFollowers: 12000,
    });
  });

  it("give an empty draft zeros, not NaN", () => {
    const row = buildPostRow({ ...post, text: "   ", hashtags: [], mentions: [], category: null }, ["wordCount", "textLength", "emojiCount", "hasLink", "category"]);
    expect(row).toEqual({ wordCount: 0, textLength: 3, emojiCount: 0, hasLink: false, category: null });
  });
});

const person: UserFacts = {
  views: 40,
  likes: 6,
  comments: 2,
  shares: 1,
  clicks: 1,
  conversions: 1,
  activeDays: 5,
  recencyDays: 3,
  tenureDays: 20,
  followers: 150,
  platform: "TIKTOK",
  attributes: { age: 31, job: "admin.", extra: { euribor3m: 4.857, month: "may", housing: "yes", pdays: null, campaign: "2" } },
};

describe("user feature builders", () => {
  it("turn behaviour into counts, rates and shares, by hand", () => {
    const row = buildUserRow(person, ["interactions", "frequency", "engagementRate", "clickShare", "commentShare", "shareShare", "recencyDays", "age", "job", "gender"].map((name) => ({ name, kind: "numeric" as const })));
    // actions = likes + comments + shares + clicks = 10; interactions = views + actions + conversions = 51.
    expect(row).toEqual({
      interactions: 51,
      frequency: 5 / 20,
      engagementRate: 10 / 40,
      clickShare: 1 / 10,
      commentShare: 2 / 10,
      shareShare: 1 / 10,
      recencyDays: 3,
      age: 31,
      job: "admin.",
      gender: null,
    });
  });

  it("divide by zero as zero for someone with no activity, and keep recency missing", () => {
    const idle: UserFacts = { ...person, views: 0, likes: 0, comments: 0, shares: 0, clicks: 0, conversions: 0, activeDays: 0, recencyDays: null, tenureDays: null, attributes: null };
    const row = buildUserRow(idle, ["frequency", "engagementRate", "clickShare", "recencyDays", "age"].map((name) => ({ name, kind: "numeric" as const })));
    expect(row).toEqual({ frequency: 0, engagementRate: 0, clickShare: 0, recencyDays: null, age: null });
  });

  it("read CRM extras with the kind the spec gives them", () => {
    const row = buildUserRow(person, [
      { name: "extra.euribor3m", kind: "numeric" },
      { name: "extra.campaign", kind: "numeric" },
      { name: "extra.month", kind: "categorical" },
      { name: "extra.housing", kind: "boolean" },
      { name: "extra.pdays", kind: "numeric" },
      { name: "extra.absent", kind: "categorical" },
    ]);
    expect(row).toEqual({ "extra.euribor3m": 4.857, "extra.campaign": 2, "extra.month": "may", "extra.housing": true, "extra.pdays": null, "extra.absent": null });
  });
});

const valid = {
  name: "engagement",
  entity: "post",
  task: "regression",
  target: "engagements",
  features: ["mediaType", "hour"],
  candidates: [{ algorithm: "gradientBoosting", grid: { maxDepth: [2, 3] } }],
  selection: { metric: "mae" },
};

describe("model specs", () => {
  it("accept a valid spec and fill the defaults", () => {
    const spec = validateSpec(valid, "models/engagement.json");
    expect(spec.features).toEqual([{ name: "mediaType", kind: "categorical" }, { name: "hour", kind: "numeric" }]);
    expect(spec.selection).toEqual({ metric: "mae", folds: 5, seed: 42, holdout: 0.2 });
    expect(spec.minRows).toBe(30);
  });

  it("accept a clustering spec without a target, and refuse one with a target or a bad k", () => {
    const clustering = { name: "segments", entity: "user", task: "clustering", features: ["views", "likes"], candidates: [{ algorithm: "kmeans", grid: { k: [3, 4] } }], selection: { metric: "silhouette" } };
    expect(validateSpec(clustering, "models/segments.json")).toMatchObject({ task: "clustering", target: "", selection: { metric: "silhouette" } });
    expect(() => validateSpec({ ...clustering, target: "converted" }, "models/segments.json")).toThrow('target: a clustering model has no target, found "converted"');
    expect(() => validateSpec({ ...clustering, candidates: [{ algorithm: "kmeans", grid: { k: [0] } }] }, "models/segments.json")).toThrow(/candidates\[0\]\.grid: kmeans.*k/);
    expect(() => validateSpec({ ...clustering, selection: { metric: "mae" } }, "models/segments.json")).toThrow('selection.metric: expected one of silhouette, found "mae"');
  });

  it("name every problem: feature, target, metric, algorithm and hyper-parameter", () => {
    const bad = {
      ...valid,
      target: "converted",
      features: ["mediaType", "moonPhase"],
      candidates: [{ algorithm: "svm" }, { algorithm: "randomForest", grid: { nEstimators: [100, -1] } }, { algorithm: "gradientBoosting", grid: { depth: [3] } }],
      selection: { metric: "rocAuc", folds: 1 },
    };
    let message = "";
    try {
      validateSpec(bad, "models/engagement.json");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("target: expected one of engagements, impressions, shares, clicks, viral, found \"converted\"");
    expect(message).toContain('features[1]: unknown feature "moonPhase" for a post model');
    expect(message).toContain('candidates[0].algorithm: expected one of baseline, linearRegression, logisticRegression, randomForest, gradientBoosting, mlRandomForest, kmeans, found "svm"');
    expect(message).toMatch(/candidates\[1\]\.grid: .*nEstimators/);
    expect(message).toMatch(/candidates\[2\]\.grid: .*depth/);
    expect(message).toContain("selection.metric: expected one of mae, rmse, r2, mape, found \"rocAuc\"");
    expect(message).toContain("selection.folds: expected a whole number from 2 to 20, found 1");
  });

  it("refuse a spec the API would serve as something it is not (a regression served as a probability)", () => {
    const problems = (raw: unknown, file: string) => {
      try {
        validateSpec(raw, file);
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    };
    const virality = problems({ ...valid, name: "virality", target: "shares" }, "models/virality.json");
    expect(virality).toContain('task: "virality" is served as Post.viralProbability and predictPost, which needs task "binary", found "regression"');
    expect(virality).toContain('target: "virality" is served as Post.viralProbability and predictPost, which needs target "viral", found "shares"');
    const clustered = problems({ ...valid, task: "clustering", target: undefined, candidates: [{ algorithm: "kmeans", grid: { k: [4] } }], selection: { metric: "silhouette" } }, "models/engagement.json");
    expect(clustered).toContain('task: "engagement" is served as Post.predictedEngagement and predictPost, which needs task "regression", found "clustering"');
    expect(problems({ ...valid, name: "sentiment" }, "models/sentiment.json")).toContain('entity: "sentiment" is served as sentiment scoring, which needs entity "text", found "post"');
    // Any other name is the user's own: any valid task.
    expect(problems({ ...valid, name: "reach", target: "impressions" }, "models/reach.json")).toBe("");
  });

  it("check preprocess, search, samples, seed and promotion when the file is read, not at training", () => {
    const message = (over: Record<string, unknown>) => {
      try {
        validateSpec({ ...valid, ...over }, "models/engagement.json");
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    };
    expect(message({ preprocess: { targetTransform: "sqrt", maxCategories: -5, scale: "yes", log: true } })).toBe(
      'models/engagement.json: preprocess: unknown option "log" (known: scale, maxCategories, targetTransform, missingIndicators); preprocess.maxCategories: expected a whole number ≥ 1, found -5; preprocess.targetTransform: expected "none" or "log1p", found "sqrt"; preprocess.scale: expected true or false, found "yes"',
    );
    expect(message({ preprocess: "log1p" })).toContain('preprocess: expected an object such as { "targetTransform": "log1p" }, found "log1p"');
    expect(message({ candidates: [{ algorithm: "randomForest", search: "random" }] })).toContain("candidates[0].samples: expected a whole number ≥ 1 for random search, found undefined");
    expect(message({ candidates: [{ algorithm: "randomForest", search: "rand0m" }] })).toContain('candidates[0].search: expected "grid" or "random", found "rand0m"');
    expect(message({ candidates: [{ algorithm: "randomForest", samples: 5 }] })).toContain("candidates[0].samples: only random search takes samples, found 5 with grid search");
    expect(message({ candidates: [{ algorithm: "randomForest", search: "random", samples: 5, grid: { nEstimators: [50, 100] } }] })).toBe("");
    expect(message({ selection: { metric: "mae", seed: "abc" } })).toContain('selection.seed: expected a whole number, found "abc"');
    expect(message({ promotion: { margin: "abc", minGainOverBaseline: 1.5 } })).toBe(
      'models/engagement.json: promotion.margin: expected a fraction from 0 to below 1, found "abc"; promotion.minGainOverBaseline: expected a fraction from 0 to below 1, found 1.5',
    );
    expect(validateSpec({ ...valid, preprocess: { targetTransform: "log1p" }, promotion: { margin: 0.01 } }, "models/engagement.json")).toMatchObject({
      preprocess: { targetTransform: "log1p" },
      promotion: { margin: 0.01, minGainOverBaseline: 0 },
    });
  });

  it("refuse the purchase itself as a feature of the conversion model (target leakage)", () => {
    const conversion = { name: "conversion", entity: "user", task: "binary", target: "converted", candidates: [{ algorithm: "logisticRegression" }], selection: { metric: "rocAuc" } };
    expect(validateSpec({ ...conversion, features: ["views", "recencyDays", "interactions"] }, "models/conversion.json").features).toHaveLength(3);
    expect(() => validateSpec({ ...conversion, features: ["views", "conversions"] }, "models/conversion.json")).toThrow(
      'features: "conversions" is the target "converted" itself (purchases are not a feature of the conversion model)',
    );
    expect(() => validateSpec({ ...conversion, features: ["views", { name: "extra.converted", kind: "boolean" }] }, "models/conversion.json")).toThrow('features: "extra.converted" is the target');
    // Churn may count purchases: its features stop at a cutoff and its target starts there.
    expect(validateSpec({ ...conversion, name: "churn", target: "churned", features: ["conversions"] }, "models/churn.json").features).toEqual([{ name: "conversions", kind: "numeric" }]);
  });

  it("are read from disk with invalid files reported, not thrown", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "specs-"));
    writeFileSync(path.join(dir, "engagement.json"), JSON.stringify(valid));
    writeFileSync(path.join(dir, "broken.json"), "{ not json");
    const specs = new ModelSpecs(dir);
    expect(specs.all().map((e) => [e.ok ? e.spec.name : e.name, e.ok])).toEqual([["broken", false], ["engagement", true]]);
    // An error names the file in the folder as it was given (it named models/ whatever MODELS_DIR was).
    const broken = specs.get("broken");
    expect(broken?.ok === false && broken.error).toMatch(new RegExp(`^${path.join(dir, "broken.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(specs.get("missing")).toBeUndefined();
    expect(specs.get("../etc/passwd")).toBeUndefined();
  });
});
