import { spawn, type ChildProcess } from "node:child_process";

/** A server started in a child process, found by the "ready at <url>" line it prints on stdout. */
export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** Everything the child wrote to stderr so far (kept to the last 64 KB). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /** Seconds to wait for the ready line. */
  timeout?: number;
}

/** Starts `node <script>` and resolves with its URL once it prints `ready at <url>`. */
export function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-65536);
  });
  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  return new Promise<ChildServer>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} did not start in ${options.timeout ?? 120} s:\n${stderr}`));
    }, (options.timeout ?? 120) * 1000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /ready at (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      resolve({
        name: options.name,
        url: m[1].replace("//localhost:", "//127.0.0.1:"),
        pid: child.pid!,
        stderr: () => stderr,
        async stop() {
          if (exited) return;
          child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
          await exit;
          clearTimeout(killer);
        },
      });
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready:\n${stderr}`));
    });
  });
}

/** Runs `node <script> …args` to completion; resolves with its stdout, rejects with its exit code. Its stderr goes to ours. */
export function runNode(script: string, args: string[], env: Record<string, string | undefined>, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(out);
      else reject(Object.assign(new Error(`${script} exited with ${signal ?? code}`), { exitCode: code }));
    });
  });
}
