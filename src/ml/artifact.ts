import { gunzipSync, gzipSync } from "node:zlib";

/**
 * A model's tagged JSON as stored in model_versions.artifact: gzipped, base64. Packed in the training
 * worker, so the server's thread neither clones the model's object tree (a forest is millions of
 * values) nor compresses it: it receives one string.
 */
export function packArtifact(json: unknown): string {
  return gzipSync(JSON.stringify(json)).toString("base64");
}

export function unpackArtifact<T = unknown>(text: string): T {
  return JSON.parse(gunzipSync(Buffer.from(text, "base64")).toString("utf8")) as T;
}
