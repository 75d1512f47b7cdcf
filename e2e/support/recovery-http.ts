// The recovery-action server actions and routes over raw HTTP, as a script (or an attacker)
// would call them: by their ids from the build's manifest, posted to the war room ("/"), which
// uses all six.
import type { APIRequestContext } from "@playwright/test";
import { expect } from "../fixtures";
import { callAction, loadServerActions, type ActionResponse, type ManifestAction } from "./http";

export type RecoveryActionName =
  | "requestRecoveryAction" | "previewRecoveryAction" | "dryRunRecoveryAction"
  | "approveActionRunAction" | "denyActionRunAction" | "executeActionRunAction";

let manifest: ManifestAction[] | undefined;
function actionNamed(name: RecoveryActionName): ManifestAction {
  manifest ??= loadServerActions();
  const action = manifest.find((a) => a.key === `lib/actions/actions.ts#${name}`);
  if (!action) throw new Error(`${name} is not in the build's server-reference-manifest.json`);
  return action;
}

export type RecoveryCall = (name: RecoveryActionName, input: unknown) => Promise<ActionResponse>;

/** Calls the actions with this cookie jar (signed in or not), plus any extra headers; see callAction for `unescaped`. */
export function recoveryCaller(session: APIRequestContext, baseURL: string, options: { headers?: Record<string, string>; unescaped?: boolean } = {}): RecoveryCall {
  return (name, input) => callAction(session, actionNamed(name), [input], { path: "/", origin: baseURL, ...options });
}

/** What a run looks like to a signed-in person: GET /api/action-runs/[id] (its targetHash is what a reviewer approves). */
export async function viewRun(session: APIRequestContext, runId: string): Promise<{ id: string; status: string; targetHash: string; output: string | null }> {
  const response = await session.get(`/api/action-runs/${runId}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).run;
}

/** The call was answered with this expected error (code and message), not a crash or a redirect. */
export function expectError(response: ActionResponse, code: string, message?: string | RegExp) {
  const context = `HTTP ${response.status} ${response.body.slice(0, 400)}`;
  expect(response.result, context).toMatchObject({ ok: false, code });
  if (typeof message === "string") expect(response.result?.error, context).toBe(message);
  else if (message) expect(response.result?.error, context).toMatch(message);
}

/** A validation failure with exactly this message beside this field. */
export function expectFieldError(response: ActionResponse, field: string, message: string) {
  expectError(response, "VALIDATION");
  const fieldErrors = (response.result?.fieldErrors ?? {}) as Record<string, string[]>;
  expect(fieldErrors[field], `field errors: ${JSON.stringify(fieldErrors)}`).toEqual([message]);
}

/** The call succeeded; its data. */
export function expectOk<T = Record<string, unknown>>(response: ActionResponse): T {
  expect(response.result, `HTTP ${response.status} ${response.body.slice(0, 400)}`).toMatchObject({ ok: true });
  return response.result!.data as T;
}
