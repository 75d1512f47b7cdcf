// Talking to the app over raw HTTP, as a script (or an attacker) would: next-auth's credentials
// sign-in, and server actions called directly with their ids from the build's manifest.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { TestUser } from "../fixtures";

export const SESSION_COOKIE = "authjs.session-token";

/** The repository root: Playwright runs from it (playwright.config.ts lives there). */
export const repoRoot = () => process.cwd();

/** next-auth's own sign-in endpoint: csrf token (cookie + body), then a form post. */
export async function httpSignIn(request: APIRequestContext, user: Pick<TestUser, "email" | "password">, headers?: Record<string, string>) {
  const csrf = await request.get("/api/auth/csrf", { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password },
    maxRedirects: 0,
    headers,
  });
}

export function setCookieHeaders(response: APIResponse): string[] {
  return response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
}

export type ManifestAction = { id: string; key: string; filename: string; exportedName: string; pages: string[] };

/** "app/(app)/admin/users/page" → "/admin/users": route groups vanish, dynamic segments get a value. */
export function workerToPath(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s) => (s.startsWith("[") ? "e2e-probe" : s));
  return `/${segments.join("/")}`;
}

/** Every server action of the current build (.next/server/server-reference-manifest.json). */
export function loadServerActions(): ManifestAction[] {
  const file = path.join(repoRoot(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
    edge?: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries({ ...manifest.edge, ...manifest.node }).map(([id, a]) => {
    const workers = Object.keys(a.workers);
    // Prefer pages without dynamic segments: their paths need no made-up values.
    const pages = [...workers.filter((w) => !w.includes("[")), ...workers.filter((w) => w.includes("["))].map(workerToPath);
    return { id, key: `${a.filename}#${a.exportedName}`, filename: a.filename, exportedName: a.exportedName, pages };
  });
}

export type ActionResponse = {
  status: number;
  location: string | null;
  contentType: string;
  /** The action's return value, when the response is an RSC payload that carries one. */
  result: { ok?: boolean; code?: string; error?: string; [key: string]: unknown } | null;
  body: string;
};

/**
 * Calls a server action the way React's client does for `action(arg)`: POST to a page that
 * uses it, header `Next-Action: <id>`, body = encodeReply([arg]) which for plain JSON objects
 * is the JSON array as text/plain, with one escape: a string that starts with "$" gets another
 * "$" in front ("$1" would otherwise be read as a reference to part 1 of the reply).
 * `unescaped: true` sends the JSON as it is, as a hand-written attack would. The answer is an
 * RSC stream whose row 0 holds `{"a": <result or "$@row">}`.
 */
export async function callAction(
  request: APIRequestContext,
  action: Pick<ManifestAction, "id">,
  args: unknown[],
  options: { path: string; origin: string; headers?: Record<string, string>; unescaped?: boolean },
): Promise<ActionResponse> {
  const response = await request.post(options.path, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: new URL(options.origin).origin,
      ...options.headers,
    },
    data: JSON.stringify(args, options.unescaped ? undefined : (_key, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v)),
    maxRedirects: 0,
  });
  const body = await response.text();
  const contentType = response.headers()["content-type"] ?? "";
  return {
    status: response.status(),
    location: response.headers()["location"] ?? null,
    contentType,
    result: contentType.includes("text/x-component") ? parseActionResult(body) : null,
    body,
  };
}

export function parseActionResult(body: string): ActionResponse["result"] {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  const root = rows.get("0");
  if (!root) return null;
  let value: unknown = (JSON.parse(root) as { a?: unknown }).a;
  if (typeof value === "string" && value.startsWith("$@")) {
    const row = rows.get(value.slice(2));
    // "E{…}" marks a thrown error (its details stay on the server): there is no return value.
    value = row === undefined || row.startsWith("E") ? undefined : JSON.parse(row);
  }
  return value && typeof value === "object" ? (value as ActionResponse["result"]) : null;
}
