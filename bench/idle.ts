import { readFileSync } from "node:fs";

/** CPU time (user + system, in clock ticks) a process has used so far; undefined where /proc is unavailable. */
function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after "(comm) ": state is field 0 there, utime 11 and stime 12.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until the given processes stop using CPU (at most `maxTicks` clock ticks, ~10 ms each, in
 * a 250 ms window), so that work left over from the previous phase (a server finishing requests
 * whose connections the load generator already closed) does not run into the next measurement.
 * Without /proc it waits one window. Returns the milliseconds waited.
 */
export async function waitIdle(pids: readonly number[], maxTicks = 2, timeoutMs = 60_000): Promise<number> {
  const start = performance.now();
  const window = 250;
  const total = () => pids.reduce<number | undefined>((sum, pid) => {
    const t = cpuTicks(pid);
    return sum === undefined || t === undefined ? undefined : sum + t;
  }, 0);
  let last = total();
  for (;;) {
    await new Promise((r) => setTimeout(r, window));
    const now = total();
    if (now === undefined || last === undefined || now - last <= maxTicks || performance.now() - start > timeoutMs) break;
    last = now;
  }
  return performance.now() - start;
}
