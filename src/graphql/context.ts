import { randomUUID } from "node:crypto";
import { Loaders } from "./loaders";

/** What every resolver receives: the request's id and its own DataLoaders. Services come from the container. */
export interface Context {
  requestId: string;
  loaders: Loaders;
}

export function createContext(requestId: string = randomUUID()): Context {
  return { requestId, loaders: new Loaders() };
}
