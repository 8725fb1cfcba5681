import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Baseline (i): a bare node:http server that reads the request body and answers every request with
 * the same bytes, the captured posts(first: 20) response (file in BENCH_BODY_FILE). It is the
 * ceiling of this machine for a response of that size: no GraphQL, no database.
 */
const body = readFileSync(process.env.BENCH_BODY_FILE ?? "");
if (body.length === 0) throw new Error("expected BENCH_BODY_FILE to name a non-empty file");

const server = http.createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`bare node:http ready at http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql (${body.length} bytes)\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
