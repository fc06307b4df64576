import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/wrangler-dev.ts";

/** Runs `tsx <script> …args` from the repository to completion: its exit code and what it printed. */
export function runScript(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(REPO_ROOT, "node_modules", ".bin", "tsx"), [script, ...args], { cwd: REPO_ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
