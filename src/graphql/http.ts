import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { Logger } from "../lib/logger";
import { counting } from "../db/sql-counter";
import { createContext, type Context } from "./context";

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  logger: Logger;
  /** The /health report and whether the service is healthy. */
  health: () => Promise<{ ok: boolean; body: unknown }>;
  /** Count SQL statements per request (COUNT_SQL). */
  countSql: boolean;
  /** Largest request body accepted, in bytes. */
  maxBody?: number;
}

const defaultMaxBody = 50 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping it, answer 413 and close the connection once the answer is out (destroying the socket here
        // cut the answer off: the client saw a reset).
        req.removeAllListeners("data");
        req.resume();
        reject(Object.assign(new Error(`expected a body of at most ${limit} bytes`), { status: 413, closeAfter: true }));
        return;
      }
      parts.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("vary", "Origin");
}

/**
 * A plain node:http server in front of Apollo: `/graphql` (POST and GET, Sandbox on GET from a
 * browser outside production), `/health`, and `/` redirecting to `/graphql`. Lighter than the
 * standalone server's cors + body-parser + finalhandler chain, and it lets us add routes.
 */
export function createHttpServer(options: HttpOptions): http.Server {
  const { apollo, logger, health, countSql } = options;
  const maxBody = options.maxBody ?? defaultMaxBody;

  const handleGraphQL = async (req: IncomingMessage, res: ServerResponse, search: string) => {
    let body: unknown;
    if (req.method === "POST") {
      const text = await readBody(req, maxBody);
      const type = req.headers["content-type"] ?? "";
      if (type.startsWith("application/json") || type.includes("+json")) {
        try {
          body = text === "" ? undefined : JSON.parse(text);
        } catch {
          sendJson(res, 400, { errors: [{ message: "expected a JSON body", extensions: { code: "BAD_REQUEST" } }] });
          return;
        }
      } else {
        body = text;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search, body },
        context: async () => createContext(),
      });
    const response = countSql ? await counting(execute).result : await execute();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return http.createServer((req, res) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? "" : url.slice(q);
    cors(req, res);
    const fail = (err: unknown) => {
      const status = (err as { status?: number }).status ?? 500;
      if (status >= 500) logger.error({ err }, "request failed");
      if ((err as { closeAfter?: boolean }).closeAfter) {
        res.setHeader("connection", "close");
        res.once("finish", () => req.destroy());
      }
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: status >= 500 ? "Internal server error" : (err as Error).message }] });
      else res.end();
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type",
        "access-control-max-age": "86400",
      });
      res.end();
      return;
    }
    if (path === "/graphql") {
      handleGraphQL(req, res, search).catch(fail);
    } else if (path === "/health" && (req.method === "GET" || req.method === "HEAD")) {
      health()
        .then(({ ok, body }) => sendJson(res, ok ? 200 : 503, body))
        .catch(fail);
    } else if (path === "/" && req.method === "GET") {
      res.writeHead(302, { location: "/graphql" });
      res.end();
    } else {
      sendJson(res, 404, { errors: [{ message: `no route ${req.method} ${path}; GraphQL is at /graphql`, extensions: { code: "NOT_FOUND" } }] });
    }
  });
}
