// The `command` executor: the action's argv run WITHOUT a shell, so `; rm -rf /`, `$(id)` or a
// newline in a parameter reach the program as literal text inside one argument. The process gets
// only PATH and the allowlisted variables, runs in its own process group (a timeout stops the
// children it started, too: SIGTERM, then SIGKILL after a grace period), and its stdout and
// stderr are captured together, in arrival order, up to maxOutputBytes.
import { spawn } from "node:child_process";
import type { CatalogAction } from "@/lib/services/catalog-schema";
import type { ExecutionContext, Executor, Preview } from "./executor";
import { RUN_MARKER } from "./orphans";
import { buildResult, createCapture, seconds, type Capture, type ExecutionResult } from "./output";
import type { ParamValues } from "./params";
import { createTemplate, tryResolve, TemplateError, type EnvSource, type TemplateMode } from "./template";

const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
const DEFAULT_KILL_GRACE_MS = 2_000;
// Allowlisted values are configuration from Sitrep's own environment, often credentials
// (PGPASSWORD, NATS_CREDS); they are masked in output too. Very short ones ("1", "yes") are
// not, or every such word in the output would vanish.
const MIN_MASKED_ENV_LENGTH = 6;

type Resolved = { argv: string[]; cwd?: string; env: Record<string, string> };
type Ran = { exitCode?: number; signal?: string; error?: string; timedOut: boolean };

function resolve(action: CatalogAction, values: ParamValues, env: EnvSource, mode: TemplateMode, runId?: string) {
  const spec = action.command!;
  const t = createTemplate(values, env, mode);
  const build = (): Resolved => {
    // The program is the catalog's choice, never a parameter's
    if (/\{\{|\$\{env:/.test(spec.argv[0])) throw new TemplateError("the program to run (argv[0]) cannot come from a parameter or secret");
    const passed: Record<string, string> = { PATH: env.PATH || DEFAULT_PATH };
    for (const name of spec.env) if (env[name] !== undefined) passed[name] = env[name]!;
    // Lets a later sweep find what is left of this run if Sitrep dies meanwhile (orphans.ts)
    if (runId) passed[RUN_MARKER] = runId;
    return { argv: spec.argv.map(t.arg), cwd: spec.cwd, env: passed };
  };
  const secretValues = (r?: Resolved) => [
    ...t.secrets().values,
    ...spec.env.map((n) => r?.env[n] ?? env[n]).filter((v): v is string => !!v && v.length >= MIN_MASKED_ENV_LENGTH),
  ];
  return { t, build, secretValues };
}

function preview(action: CatalogAction, values: ParamValues, ctx: ExecutionContext): Preview {
  const spec = action.command!;
  const { t, build } = resolve(action, values, ctx.env, "preview");
  const { value: r, error } = tryResolve(build);
  const { names, missing } = t.secrets();
  const argv = r?.argv ?? spec.argv;
  // Only the names: the values of allowlisted variables are not the preview's business
  const env = spec.env.map((n) => (ctx.env[n] === undefined ? `${n} (not set)` : n));
  const detail = { argv, cwd: spec.cwd ?? null, env, maxOutputBytes: spec.maxOutputBytes };
  return { kind: "command", summary: argv.map(quote).join(" "), detail, secrets: names, missingSecrets: missing, ...(error ? { error } : {}) };
}

/** Shell-style quoting for display only: shows where each argument begins and ends. */
const quote = (a: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

async function execute(action: CatalogAction, values: ParamValues, ctx: ExecutionContext): Promise<ExecutionResult> {
  const started = performance.now();
  const spec = action.command!;
  const capture = createCapture(spec.maxOutputBytes);
  const { build, secretValues } = resolve(action, values, ctx.env, "execute", ctx.runId);
  let r: Resolved;
  try {
    r = build();
  } catch (e) {
    return buildResult(capture, secretValues(), { outcome: "failed", started, error: (e as Error).message });
  }
  const ran = await run(r, action.timeout, ctx.killGraceMs ?? DEFAULT_KILL_GRACE_MS, capture, ctx.signal);
  const secrets = secretValues(r);
  if (ran.timedOut) return buildResult(capture, secrets, { outcome: "timed out", started, error: ran.error });
  if (ran.error) return buildResult(capture, secrets, { outcome: "failed", started, error: ran.error });
  if (ran.exitCode === 0) return buildResult(capture, secrets, { outcome: "succeeded", started, exitCode: 0 });
  const error = ran.signal ? `killed by ${ran.signal}` : `exited with code ${ran.exitCode}`;
  return buildResult(capture, secrets, { outcome: "failed", started, exitCode: ran.exitCode, error });
}

/** This process's running commands, by process group: stopped at shutdown (stopAllCommands). */
const globalForCommands = globalThis as unknown as { sitrepCommandStops?: Set<(why: string) => void> };
const running = (globalForCommands.sitrepCommandStops ??= new Set());

/** Stops every command this process runs (its whole process group); returns how many. */
export function stopAllCommands(why: string): number {
  const stops = [...running];
  for (const stop of stops) stop(why);
  return stops.length;
}

function run(r: Resolved, timeoutMs: number, graceMs: number, capture: Capture, signal?: AbortSignal): Promise<Ran> {
  return new Promise<Ran>((done) => {
    let settled = false;
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    let giveUpTimer: NodeJS.Timeout | undefined;
    const finish = (ran: Omit<Ran, "timedOut">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      clearTimeout(giveUpTimer);
      running.delete(stop);
      signal?.removeEventListener("abort", onAbort);
      // A grandchild outside the group may still hold the pipes: stop reading them
      child.stdout.destroy();
      child.stderr.destroy();
      done({ ...ran, timedOut });
    };
    // detached: the child leads a new process group, so -pid reaches everything it started.
    // (Next's types make ProcessEnv require NODE_ENV; the child deliberately gets only the allowlist.)
    const env = r.env as NodeJS.ProcessEnv;
    const child = spawn(r.argv[0], r.argv.slice(1), { cwd: r.cwd, env, shell: false, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    };
    /** SIGTERM to the whole group, SIGKILL after the grace; the run ends with `error` once it closes. */
    const stopGroup = (error: string) => {
      if (settled || killTimer) return;
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), graceMs);
      // A grandchild that left the group could hold the pipes open forever: stop waiting for it
      giveUpTimer = setTimeout(() => finish({ error }), graceMs + 1_000);
      child.once("close", () => finish({ error }));
    };
    const stop = (why: string) => stopGroup(`stopped: ${why}`);
    const onAbort = () => stop("the run was interrupted");
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(`did not finish within ${seconds(timeoutMs)} (the action's timeout); stopped`);
    }, timeoutMs);
    running.add(stop);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (c: Buffer) => capture.push(c));
    child.stderr.on("data", (c: Buffer) => capture.push(c));
    child.on("error", (e: NodeJS.ErrnoException) => finish({ error: describeSpawnError(e, r) }));
    child.on("close", (code, sig) => {
      if (!killTimer) finish({ exitCode: code ?? undefined, signal: sig ?? undefined });
    });
  });
}

function describeSpawnError(e: NodeJS.ErrnoException, r: Resolved): string {
  if (e.code === "ENOENT") {
    const where = r.cwd ? `, or the working directory ${r.cwd} does not exist` : "";
    return `could not start ${r.argv[0]}: not found (PATH is ${r.env.PATH}${where})`;
  }
  if (e.code === "EACCES") return `could not start ${r.argv[0]}: permission denied`;
  return `could not start ${r.argv[0]}: ${e.code ?? e.message}`;
}

export const commandExecutor: Executor = { kind: "command", preview, execute };
