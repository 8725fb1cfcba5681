import pino, { type Logger } from "pino";

export type { Logger };

/** One logger per process, JSON lines on stderr so stdout stays free for CLI output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
