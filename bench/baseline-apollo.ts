import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

/**
 * Baseline (ii): a bare Apollo Server 5 with `startStandaloneServer` and default options over a
 * one-field schema. The bench sends `{ __typename }`: the fixed cost of Apollo's HTTP and request
 * pipeline with nothing to resolve.
 */
async function main(): Promise<void> {
  const server = new ApolloServer({
    typeDefs: "type Query { hello: String }",
    resolvers: { Query: { hello: () => "world" } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  process.stdout.write(`bare Apollo ready at ${url.replace("localhost", "127.0.0.1")}\n`);
  process.once("SIGTERM", () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err) => {
  process.stderr.write(`bare Apollo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
