import { SingleBar, Presets } from "cli-progress";
import type { Logger } from "./logger";

/** Progress of long work: `tick(done)` of `total` units. */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/** Progress as one line at the start ("label: 0/10000") and one every 10% ("label: 40% (4000/10000)"), each given to `line`. */
function byDeciles(line: (text: string, fields: { task: string; done: number; total: number }) => void): Progress {
  let label = "";
  let total = 0;
  let lastDecile = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      lastDecile = 0;
      line(`${l}: 0/${t}`, { task: l, done: 0, total: t });
    },
    update(done) {
      const decile = total ? Math.floor((done / total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        line(`${label}: ${Math.round((done / Math.max(total, 1)) * 100)}% (${done}/${total})`, { task: label, done, total });
      }
    },
    stop() {},
  };
}

/** A bar on stderr when it is a terminal; plain "label: 40% (4000/10000)" lines every 10% otherwise (CI logs). */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return byDeciles((text) => stream.write(`${text}\n`));
  let bar: SingleBar | undefined;
  return {
    start(l, t) {
      bar = new SingleBar({ format: `${l.padEnd(14)} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`, stream, hideCursor: true }, Presets.shades_classic);
      bar.start(t, 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** Progress as log lines (JSON, like every other server log line), at the start and every 10%. */
export function logProgress(logger: Logger): Progress {
  return byDeciles((text, fields) => logger.info(fields, text));
}
