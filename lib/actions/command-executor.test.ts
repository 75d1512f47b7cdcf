// The command executor with real processes: no shell, whole-argument substitution, env allowlist,
// output cap, exit codes, and timeouts that stop the whole process group.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CatalogAction } from "@/lib/services/catalog-schema";
import { commandExecutor, stopAllCommands } from "./command-executor";
import { executorFor } from "./executor";
import { validateParams } from "./params";
import { actionOf } from "./testing";

const SECRET = "cmd-secret-value-42";
const env = { PATH: process.env.PATH, SITREP_CMD_SECRET: SECRET, KUBE_NAMESPACE_DEFAULT: "prod-eu", NOT_ALLOWED: "leaked-if-you-see-this" };
const cmd = (argv: string[], fields: Record<string, unknown> = {}) => actionOf({ timeout: "3s", ...fields, command: { argv, ...(fields.command as object) } });
const run = (action: CatalogAction, input: Record<string, unknown> = {}, killGraceMs?: number, signal?: AbortSignal) => {
  const v = validateParams(action, input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return executorFor(action).execute(action, v.values, { env, killGraceMs, signal });
};
/** Resolves with the first line the process prints (its background child's pid here). */
const firstLine = async (pidFile: string) => {
  for (let i = 0; i < 200; i++) {
    try {
      const text = readFileSync(pidFile, "utf8");
      if (text.endsWith("\n")) return Number(text.trim());
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${pidFile} was never written`);
};
// Dead: no such process, or a zombie (a container's PID 1 may never reap the orphan it inherits)
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}
const free = { ns: { type: "string", pattern: "[\\s\\S]*" } };

describe("command executor", () => {
  it("runs argv without a shell and succeeds on exit 0", async () => {
    const result = await run(cmd(["/bin/echo", "hello", "world"]));
    expect(result).toMatchObject({ outcome: "succeeded", exitCode: 0, output: "hello world\n", outputBytes: 12, truncated: false });
    expect(executorFor(cmd(["/bin/true"]))).toBe(commandExecutor);
  });

  it.each(["; rm -rf /", "$(id)", "`id`", "a\nb; echo pwned", "'quoted' \"double\" | cat > /tmp/x", "--help"])(
    "injection attempt %j arrives as one literal argument",
    async (attack) => {
      const action = cmd(["/bin/sh", "-c", 'printf "%s|" "$#" "$@"', "sh", "{{ns}}", "--namespace={{ns}}"], { params: free });
      const result = await run(action, { ns: attack });
      expect(result.outcome).toBe("succeeded");
      expect(result.output).toBe(`2|${attack}|--namespace=${attack}|`);
    },
  );

  it("a non-zero exit fails with its code", async () => {
    const result = await run(cmd(["/bin/sh", "-c", "echo oops >&2; exit 3"]));
    expect(result).toMatchObject({ outcome: "failed", exitCode: 3, error: "exited with code 3", output: "oops\n" });
  });

  it("a program that is not there fails with a readable reason", async () => {
    const result = await run(cmd(["/no/such/kubectl", "get", "pods"]));
    expect(result).toMatchObject({ outcome: "failed", error: expect.stringMatching(/^could not start \/no\/such\/kubectl: not found/) });
  });

  it("passes only PATH and the allowlisted variables", async () => {
    const result = await run(cmd(["/usr/bin/env"], { command: { env: ["KUBE_NAMESPACE_DEFAULT", "UNSET_BUT_ALLOWED"] } }));
    const names = result.output.trim().split("\n").map((l) => l.split("=")[0]).sort();
    expect(names).toEqual(["KUBE_NAMESPACE_DEFAULT", "PATH"]);
    expect(result.output).not.toContain("leaked-if-you-see-this");
    expect(result.output).not.toContain("prod-eu"); // allowlisted values count as secrets: masked
  });

  it("marks the process with its run, so a sweep can find it after a crash", async () => {
    const action = cmd(["/usr/bin/env"]);
    const result = await executorFor(action).execute(action, {}, { env, runId: "run-123" });
    expect(result.output.split("\n")).toContain("SITREP_ACTION_RUN=run-123");
  });

  it("runs in the action's working directory", async () => {
    const result = await run(cmd(["/bin/pwd"], { command: { cwd: "/tmp" } }));
    expect(result.output.trim()).toMatch(/^(\/private)?\/tmp$/);
  });

  it("caps output at maxOutputBytes while counting and digesting all of it", async () => {
    const result = await run(cmd(["/bin/sh", "-c", "head -c 300000 /dev/zero | tr '\\0' y"], { command: { maxOutputBytes: 1000 } }));
    expect(result).toMatchObject({ outcome: "succeeded", truncated: true, outputBytes: 300_000, output: "y".repeat(1000) });
  });

  it("a timeout stops the whole process group with SIGTERM", async () => {
    const result = await run(cmd(["/bin/sh", "-c", "sleep 5 & echo $!; wait"], { timeout: "300ms" }));
    expect(result).toMatchObject({ outcome: "timed out", error: "did not finish within 0.3 s (the action's timeout); stopped" });
    expect(result.durationMs).toBeLessThan(1500);
    // The background child was in the group too: it is gone, not orphaned
    const child = Number(result.output.trim());
    expect(child).toBeGreaterThan(1);
    expect(isGone(child)).toBe(true);
  });

  it("a process that ignores SIGTERM gets SIGKILL after the grace period", async () => {
    const result = await run(cmd(["/bin/sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"], { timeout: "300ms" }), {}, 200);
    expect(result).toMatchObject({ outcome: "timed out", output: "ready\n" });
    expect(result.durationMs).toBeGreaterThanOrEqual(490);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("a secret value never appears in the output, the error or the preview", async () => {
    const action = cmd(["/bin/sh", "-c", 'echo "token=$1"; echo "$1" >&2; exit 1', "sh", "${env:SITREP_CMD_SECRET}"]);
    const result = await run(action);
    expect(result.outcome).toBe("failed");
    expect(result.output).toBe("token=••••\n••••\n");
    const preview = commandExecutor.preview(action, {}, { env });
    expect(preview.detail.argv).toEqual(["/bin/sh", "-c", 'echo "token=$1"; echo "$1" >&2; exit 1', "sh", "••••"]);
    expect(preview.secrets).toEqual(["SITREP_CMD_SECRET"]);
    expect(JSON.stringify([result, preview])).not.toContain(SECRET);
  });

  it("refuses a program that comes from a parameter", async () => {
    const result = await run(cmd(["{{ns}}", "x"], { params: free }), { ns: "/bin/echo" });
    expect(result).toMatchObject({ outcome: "failed", error: "the program to run (argv[0]) cannot come from a parameter or secret", outputBytes: 0 });
  });

  it("output written after the timeout by a grandchild that left the group is ignored, not a crash", async () => {
    // setsid: the grandchild leaves the process group, keeps the pipe and writes once capture is over
    const action = cmd(["/bin/sh", "-c", "setsid sh -c 'sleep 2; echo late' & sleep 10"], { timeout: "200ms" });
    const result = await run(action, {}, 100);
    expect(result).toMatchObject({ outcome: "timed out", output: "" });
    // An ERR_CRYPTO_HASH_FINALIZED here would be an uncaught exception, failing this file
    await new Promise((r) => setTimeout(r, 2_500));
  });

  it("an interrupted run (its signal aborted) stops the whole process group", async () => {
    const pidFile = `/tmp/sitrep-cmd-abort-${process.pid}-${Date.now()}`;
    const controller = new AbortController();
    const running = run(cmd(["/bin/sh", "-c", `sleep 60 & echo $! > ${pidFile}; wait`], { timeout: "30s" }), {}, 200, controller.signal);
    const sleeper = await firstLine(pidFile);
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ outcome: "failed", error: "stopped: the run was interrupted" });
    expect(isGone(sleeper)).toBe(true);
  });

  it("at shutdown every running command's process group is stopped", async () => {
    const pidFile = `/tmp/sitrep-cmd-stop-${process.pid}-${Date.now()}`;
    const running = run(cmd(["/bin/sh", "-c", `sleep 60 & echo $! > ${pidFile}; wait`], { timeout: "30s" }), {}, 200);
    const sleeper = await firstLine(pidFile);
    expect(stopAllCommands("Sitrep is shutting down")).toBe(1);
    const result = await running;
    expect(result).toMatchObject({ outcome: "failed", error: "stopped: Sitrep is shutting down" });
    expect(isGone(sleeper)).toBe(true);
  });
});
