// The executor layer of recovery actions: one small interface, one file per kind. An executor
// never throws; every failure (bad template, missing secret, network, exit code) is a result.
// Adding a kind: a file implementing Executor whose `kind` is the action's catalog key (`http`,
// `command`), plus its line in EXECUTORS below.
import type { CatalogAction } from "@/lib/services/catalog-schema";
import { commandExecutor } from "./command-executor";
import { httpExecutor } from "./http-executor";
import type { ExecutionResult } from "./output";
import type { ParamValues } from "./params";
import type { EnvSource } from "./template";

export type { ExecutionResult, Outcome } from "./output";

export type ExecutionContext = {
  /** where `${env:NAME}` and a command's allowlisted variables come from (lib/env.ts's snapshot) */
  env: EnvSource;
  /** command only: how long a timed-out process group gets between SIGTERM and SIGKILL */
  killGraceMs?: number;
  /** the run being executed: a command carries it in its environment (see orphans.ts) */
  runId?: string;
  /** aborted when the run is interrupted (at shutdown, or marked interrupted): a command's process group is stopped */
  signal?: AbortSignal;
  /** how often the verification re-checks the service (default 2 s) */
  verifyPollMs?: number;
};

/** What the preflight dialog and a dry run show: the resolved request, secrets as ••••. */
export type Preview = {
  kind: string;
  /** one line, e.g. "POST http://fleet/beacon-runner/admin/reset-circuit-breakers" */
  summary: string;
  /** the kind's resolved details (method, url, headers, body; or argv, cwd, env names) */
  detail: Record<string, unknown>;
  /** names of the `${env:…}` secrets used */
  secrets: string[];
  /** the ones not set on this instance: executing would fail */
  missingSecrets: string[];
  /** a template problem (an undeclared {{param}}): executing would fail */
  error?: string;
};

export interface Executor {
  readonly kind: string;
  preview(action: CatalogAction, values: ParamValues, ctx: ExecutionContext): Preview;
  execute(action: CatalogAction, values: ParamValues, ctx: ExecutionContext): Promise<ExecutionResult>;
}

const EXECUTORS: readonly Executor[] = [httpExecutor, commandExecutor];

export function executorFor(action: CatalogAction): Executor {
  const found = EXECUTORS.find((e) => (action as Record<string, unknown>)[e.kind] !== undefined);
  if (!found) throw new Error(`action ${action.name} has no executor Sitrep knows (${EXECUTORS.map((e) => e.kind).join(", ")})`);
  return found;
}
