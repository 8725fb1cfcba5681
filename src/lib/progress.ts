import { SingleBar, Presets } from "cli-progress";
import type { Logger } from "./logger";

/** Progress of long work: `tick(done)` of `total` units. */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/** A bar on stderr when it is a terminal; plain "label: 40% (4000/10000)" lines every 10% otherwise (CI logs). */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: SingleBar | undefined;
  let label = "";
  let total = 0;
  let lastDecile = -1;
  return {
    start(l, t) {
      label = l;
      total = t;
      lastDecile = -1;
      if (stream.isTTY) {
        bar = new SingleBar({ format: `${l.padEnd(14)} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`, stream, hideCursor: true }, Presets.shades_classic);
        bar.start(t, 0);
      } else {
        stream.write(`${l}: 0/${t}\n`);
      }
    },
    update(done) {
      if (bar) bar.update(done);
      else {
        const decile = total ? Math.floor((done / total) * 10) : 10;
        if (decile > lastDecile && decile > 0) {
          lastDecile = decile;
          stream.write(`${label}: ${Math.round((done / Math.max(total, 1)) * 100)}% (${done}/${total})\n`);
        }
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** Progress as log lines (JSON, like every other server log line): one at the start and one every 10%. */
export function logProgress(logger: Logger): Progress {
  let label = "";
  let total = 0;
  let lastDecile = -1;
  return {
    start(l, t) {
      label = l;
      total = t;
      lastDecile = 0;
      logger.info({ task: l, done: 0, total: t }, `${l}: 0/${t}`);
    },
    update(done) {
      const decile = total ? Math.floor((done / total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        logger.info({ task: label, done, total }, `${label}: ${Math.round((done / Math.max(total, 1)) * 100)}% (${done}/${total})`);
      }
    },
    stop() {},
  };
}
