import "reflect-metadata";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { Config } from "./config";
import { createDataSource } from "./db/data-source";
import { Database } from "./db/database";
import { entities } from "./entities";
import { buildAppSchema, createInProcessPubSub } from "./graphql/build-schema";
import { createContext, type Context } from "./graphql/context";
import { createFormatError } from "./graphql/errors";
import { createHttpServer } from "./graphql/http";
import { NodeRegistry, NodeResolver } from "./graphql/node.resolver";
import { depthLimit, loggingPlugin, sqlCountPlugin, subscriptionsOnly } from "./graphql/plugins";
import { costLimitPlugin, maxQueryCost } from "./graphql/cost";
import { specifiedRules, validate } from "graphql";
import { responseCachePlugin } from "./graphql/response-cache";
import type { Logger } from "./lib/logger";
import { silentProgress, type Progress } from "./lib/progress";
import { InteractionResolver, PostInteractionsResolver, UserInteractionsResolver } from "./modules/interactions/interaction.resolver";
import { InteractionService } from "./modules/interactions/interaction.service";
import { PostResolver, UserPostsResolver } from "./modules/posts/post.resolver";
import { PostService } from "./modules/posts/post.service";
import { predictionEraser } from "./modules/predictions/prediction.erasure";
import { recommendationEraser } from "./modules/recommendations/recommendation.erasure";
import { segmentEraser } from "./modules/segments/segment.erasure";
import { sentimentEraser } from "./modules/sentiment/sentiment.erasure";
import {
  InteractionSentimentResolver,
  PostSentimentResolver,
  SentimentAlertResolver,
  SentimentDriverResolver,
  SentimentResolver,
  UserVocabularyResolver,
} from "./modules/sentiment/sentiment.resolver";
import { SentimentAlerts } from "./modules/sentiment/sentiment.alerts";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { PubSub } from "type-graphql";
import { learnedModelName, SentimentService } from "./modules/sentiment/sentiment.service";
import { ErasureRegistry } from "./modules/users/erasure";
import { UserResolver } from "./modules/users/user.resolver";
import { UserService } from "./modules/users/user.service";
import { ModelCache } from "./modules/models/model.cache";
import { InterestService } from "./modules/interests/interest.service";
import { UserInterestsResolver } from "./modules/interests/interest.resolver";
import { SegmentService, segmentsModelName } from "./modules/segments/segment.service";
import { SegmentResolver, SegmentType, UserSegmentResolver } from "./modules/segments/segment.resolver";
import { BestTimesResolver } from "./modules/segments/best-times";
import { rankingModelName, RecommendationService } from "./modules/recommendations/recommendation.service";
import { RecommendationResolver } from "./modules/recommendations/recommendation.resolver";
import { ModelSpecs } from "./modules/models/model-specs";
import { ModelResolver, ModelVersionResolver } from "./modules/models/model.resolver";
import { ModelService } from "./modules/models/model.service";
import { FeatureStore } from "./modules/predictions/feature-store";
import { PostPredictionsResolver, PredictionResolver, UserPredictionsResolver } from "./modules/predictions/prediction.resolver";
import { PredictionService } from "./modules/predictions/prediction.service";

export interface Services {
  db: Database;
  users: UserService;
  posts: PostService;
  interactions: InteractionService;
  models: ModelService;
  predictions: PredictionService;
  sentiment: SentimentService;
  alerts: SentimentAlerts;
  pubSub: PubSub;
  interests: InterestService;
  segments: SegmentService;
  recommendations: RecommendationService;
}

/** Opens the database, runs pending migrations and wires every service by hand. */
export async function createServices(config: Config, logger: Logger): Promise<Services> {
  const ds = createDataSource(config.database, { entities, migrationsRoot: path.join(config.root, "dist", "migrations") });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: "each" });
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  const db = new Database(ds);
  const erasure = new ErasureRegistry();
  const users = new UserService(db, erasure, config.maxBatch);
  const posts = new PostService(db, users, config.maxBatch);
  const interactions = new InteractionService(db, users, posts, config.maxBatch);
  const sentiment = new SentimentService(db, logger);
  const pubSub = createInProcessPubSub();
  const alerts = new SentimentAlerts(db, pubSub, logger);
  sentiment.onScored = (times) => alerts.touched(times);
  posts.afterUpsert = (ids) => sentiment.afterIngest("posts", () => sentiment.scorePosts(ids));
  interactions.afterRecord = (externalIds) => sentiment.afterIngest("interactions", () => sentiment.scoreInteractions(externalIds));
  // Erasure runs derived data first, then interactions (which correct the counters), then posts.
  erasure.register("sentiment", sentimentEraser);
  erasure.register("predictions", predictionEraser);
  erasure.register("recommendations", recommendationEraser);
  erasure.register("segments", segmentEraser);
  erasure.register("interactions", interactions.eraser);
  erasure.register("posts", posts.eraser);
  const models = new ModelService(db, new ModelSpecs(config.modelsDir), new FeatureStore(db), new ModelCache(db), logger);
  await models.init();
  const predictions = new PredictionService(models, users);
  // The learned sentiment model trains on the stored examples and, once active, scores every text.
  models.textExamples = () => sentiment.examples();
  const interests = new InterestService(db, models.featureStore);
  const segments = new SegmentService(db, models, models.featureStore, interests, users, logger);
  const recommendations = new RecommendationService(db, posts, users, segments, logger);
  recommendations.attachModels(models);
  models.rankingData = () => recommendations.readData();
  users.afterErase = () => recommendations.dataRemoved();
  models.onActivated = (name) => {
    if (name === learnedModelName) sentiment.analyzerChanged();
    if (name === segmentsModelName) void segments.activeVersionChanged().then(() => recommendations.blendChanged());
    if (name === rankingModelName) recommendations.blendChanged();
  };
  sentiment.attachModels(models);
  // Segments profiled before their busiest hours counted actions (not views) are re-profiled once.
  void segments.refreshStaleProfiles().then((refreshed) => refreshed && recommendations.blendChanged());
  // A version activated by another process (`npm run train`) gets the same reactions within a few seconds.
  models.watchActivations([learnedModelName, segmentsModelName, rankingModelName]);
  // Texts stored before this analyser version (or whose scoring failed) are scored in the background.
  void sentiment
    .backfill()
    .then((n) => n > 0 && logger.info({ texts: n }, "sentiment backfill done"))
    .catch((err) => logger.error({ err }, "sentiment backfill failed"));
  return { db, users, posts, interactions, models, predictions, sentiment, alerts, pubSub, interests, segments, recommendations };
}

/** Stops background work (live alert checks, the sentiment backfill) and closes the database. */
export async function closeServices(services: Services): Promise<void> {
  services.models.stopWatching();
  await services.segments.idle();
  await services.recommendations.close();
  await services.alerts.close();
  await services.sentiment.close();
  await services.db.ds.destroy();
}

/** The GraphQL schema and the resolver instances behind it. */
export function createSchema(services: Services) {
  const nodes = new NodeRegistry();
  nodes.register("User", (loaders, id) => services.users.byId(loaders, id));
  nodes.register("Post", (loaders, id) => services.posts.byId(loaders, id));
  nodes.register("Interaction", (loaders, id) => services.interactions.byId(loaders, id));
  nodes.register("ModelVersion", (_loaders, id) => services.models.versionById(id));
  nodes.register("Segment", (loaders, id) => SegmentType.byId(services.segments, loaders, id));
  const instances = new Map<Function, unknown>([
    [NodeResolver, new NodeResolver(nodes)],
    [UserResolver, new UserResolver(services.users)],
    [PostResolver, new PostResolver(services.posts, services.users)],
    [UserPostsResolver, new UserPostsResolver(services.posts)],
    [InteractionResolver, new InteractionResolver(services.interactions, services.users, services.posts)],
    [PostInteractionsResolver, new PostInteractionsResolver(services.interactions)],
    [UserInteractionsResolver, new UserInteractionsResolver(services.interactions)],
    [ModelResolver, new ModelResolver(services.models)],
    [ModelVersionResolver, new ModelVersionResolver(services.models)],
    [PredictionResolver, new PredictionResolver(services.predictions)],
    [PostPredictionsResolver, new PostPredictionsResolver(services.predictions)],
    [UserPredictionsResolver, new UserPredictionsResolver(services.predictions)],
    [SentimentResolver, new SentimentResolver(services.db, services.sentiment, services.users)],
    [PostSentimentResolver, new PostSentimentResolver(services.sentiment)],
    [InteractionSentimentResolver, new InteractionSentimentResolver(services.sentiment)],
    [UserVocabularyResolver, new UserVocabularyResolver(services.sentiment)],
    [SentimentAlertResolver, new SentimentAlertResolver(services.alerts)],
    [UserInterestsResolver, new UserInterestsResolver(services.interests, services.users)],
    [SegmentResolver, new SegmentResolver(services.db, services.segments)],
    [UserSegmentResolver, new UserSegmentResolver(services.segments)],
    [BestTimesResolver, new BestTimesResolver(services.db)],
    [RecommendationResolver, new RecommendationResolver(services.recommendations, services.users, services.posts)],
    [SentimentDriverResolver, new SentimentDriverResolver(services.posts, services.interactions)],
  ]);
  const resolvers = [...instances.keys()] as [Function, ...Function[]];
  return buildAppSchema(resolvers, { get: (cls) => instances.get(cls) }, services.pubSub);
}

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  stop(): Promise<void>;
}

/** The composition root: database, services, schema, Apollo and HTTP, started and listening. */
export async function createServer(config: Config, logger: Logger, progress: Progress = silentProgress): Promise<RunningServer> {
  const services = await createServices(config, logger);
  const { db } = services;
  if (config.seedOnEmpty) {
    const [{ n }] = await db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "users"`);
    const [marker] = await db.query<{ value: string }>(`SELECT "value" FROM "app_settings" WHERE "key" = 'demo-seed'`);
    // A first start stopped while seeding (Ctrl-C) left part of the demo data: the next start finishes it
    // (the generator is deterministic and its writes are upserts, so what is there already is kept as is).
    const interrupted = marker?.value === "started";
    if (Number(n) === 0 || interrupted) {
      if (interrupted) logger.warn({ ...config.seed }, "the demo data's seeding was interrupted: finishing it");
      else logger.info({ ...config.seed }, "empty database: seeding the demo data");
      const mark = (value: string) =>
        db.write(async (tx) => {
          await tx.execute(`DELETE FROM "app_settings" WHERE "key" = 'demo-seed'`);
          await tx.execute(`INSERT INTO "app_settings" ("key", "value") VALUES ('demo-seed', ?)`, [value]);
        });
      await mark("started");
      // Loaded only when needed: the generator is not part of a normal start.
      const { seedDemoData } = require("../seeds/seed") as typeof import("../seeds/seed");
      const report = await seedDemoData(services, config.seed, progress);
      await mark("done");
      logger.info(report, "demo data seeded");
    }
  }
  const schema = createSchema(services);
  const production = config.env === "production";
  const formatError = createFormatError(logger, !production);
  const depthRule = depthLimit(12);
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthRule],
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      loggingPlugin(logger),
      costLimitPlugin(maxQueryCost),
      ...(config.countSql ? [sqlCountPlugin()] : []),
      ...(config.responseCache ? [responseCachePlugin(() => db.dataVersion())] : []),
    ],
  });
  await apollo.start();
  const started = Date.now();
  const health = async () => {
    const t = performance.now();
    let reachable = true;
    let error: string | undefined;
    try {
      await db.query("SELECT 1 AS ok");
    } catch (err) {
      reachable = false;
      error = (err as Error).message;
    }
    return {
      ok: reachable,
      body: {
        status: reachable ? "ok" : "unavailable",
        version: config.version,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: { dialect: db.dialect, reachable, latencyMs: Math.round((performance.now() - t) * 100) / 100, ...(error ? { error } : {}) },
      },
    };
  };
  const http = createHttpServer({ apollo, logger, health, countSql: config.countSql });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  // Subscriptions over graphql-ws on the same path (Apollo Sandbox speaks it).
  const wss = new WebSocketServer({ server: http, path: "/graphql" });
  // The same validation (depth limit included) and error formatting as over HTTP, and subscriptions only: queries
  // and mutations go over HTTP, where the logging, the response cache and the statement count are.
  const wsRules = [...specifiedRules, depthRule, subscriptionsOnly];
  const wsServer = useServer(
    {
      schema,
      context: () => createContext(),
      validate: (s, document) => validate(s, document, wsRules),
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => formatError({ ...e.toJSON(), extensions: { code: "GRAPHQL_VALIDATION_FAILED", ...e.extensions } }, e)),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined),
    },
    wss,
  );
  const port = (http.address() as AddressInfo).port;
  const host = config.host === "0.0.0.0" || config.host === "127.0.0.1" || config.host === "::" ? "localhost" : config.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    services,
    stop: () =>
      (stopping ??= (async () => {
        await wsServer.dispose();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        });
        await apollo.stop();
        await closeServices(services);
      })()),
  };
}
