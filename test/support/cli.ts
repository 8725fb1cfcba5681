import { spawn } from "node:child_process";

/** What a CLI run printed, and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI (`node <script> <args…>`) in `cwd` with only PATH and `env` set; resolves when it exits. */
export function runCli(script: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last line of the output: a CLI's one-line summary or JSON result. */
export const lastLine = (s: string) => s.trimEnd().split("\n").pop() ?? "";
