// The `http` executor: one request to the URL the action declares, under the action's timeout.
// node:http rather than fetch, like lib/health/fetch-limited.ts, whose fetchLimited does not fit
// here: it sends no body, only GET/HEAD, and fails a large response instead of keeping its start.
// Redirects are never followed: the preflight dialog showed the responder one exact URL, and an
// audited action runs against that one (another host would also receive our Authorization header).
import http from "node:http";
import https from "node:https";
import type { CatalogAction } from "@/lib/services/catalog-schema";
import type { ExecutionContext, Executor, Preview } from "./executor";
import { buildResult, createCapture, seconds, type Capture, type ExecutionResult } from "./output";
import type { ParamValues } from "./params";
import { createTemplate, tryResolve, type EnvSource, type TemplateMode } from "./template";
import { describeRequestError, NETWORK_ERRORS } from "@/lib/health/fetch-limited";

/** The catalog's http executor declares no cap; this much of a response is kept for the audit log */
export const HTTP_MAX_OUTPUT_BYTES = 64_000;

type Resolved = { method: string; url: string; headers: Record<string, string>; body?: unknown };
type Sent = { status?: number; error?: string; timedOut: boolean };

function resolve(action: CatalogAction, values: ParamValues, env: EnvSource, mode: TemplateMode) {
  const spec = action.http!;
  const t = createTemplate(values, env, mode);
  const build = (): Resolved => ({
    method: spec.method,
    url: t.text(spec.url, { url: true }),
    headers: Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, t.text(v)])),
    body: spec.body === undefined ? undefined : t.json(spec.body),
  });
  return { t, build };
}

function preview(action: CatalogAction, values: ParamValues, ctx: ExecutionContext): Preview {
  const { t, build } = resolve(action, values, ctx.env, "preview");
  const { value: r, error } = tryResolve(build);
  const { names, missing } = t.secrets();
  const summary = r ? `${r.method} ${r.url}` : `${action.http!.method} ${action.http!.url}`;
  return { kind: "http", summary, detail: r ?? {}, secrets: names, missingSecrets: missing, ...(error ? { error } : {}) };
}

async function execute(action: CatalogAction, values: ParamValues, ctx: ExecutionContext): Promise<ExecutionResult> {
  const started = performance.now();
  const capture = createCapture(HTTP_MAX_OUTPUT_BYTES);
  const { t, build } = resolve(action, values, ctx.env, "execute");
  let r: Resolved;
  let url: URL;
  try {
    r = build();
    url = new URL(r.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`not an http:// or https:// URL: ${r.url}`);
  } catch (e) {
    return buildResult(capture, t.secrets().values, { outcome: "failed", started, error: (e as Error).message });
  }
  const sent = await send(r, url, action.timeout, capture);
  const secrets = t.secrets().values;
  if (sent.timedOut) return buildResult(capture, secrets, { outcome: "timed out", started, httpStatus: sent.status, error: sent.error });
  if (sent.error) return buildResult(capture, secrets, { outcome: "failed", started, httpStatus: sent.status, error: sent.error });
  const status = sent.status!;
  if (status >= 200 && status < 300) return buildResult(capture, secrets, { outcome: "succeeded", started, httpStatus: status });
  return buildResult(capture, secrets, { outcome: "failed", started, httpStatus: status, error: `HTTP ${status}: ${shortReason(status, capture.text())}` });
}

function send(r: Resolved, url: URL, timeoutMs: number, capture: Capture): Promise<Sent> {
  const payload = r.body === undefined || r.method === "GET" ? undefined : Buffer.from(JSON.stringify(r.body));
  const headers: Record<string, string> = { "user-agent": "Sitrep action", accept: "application/json, */*", ...r.headers };
  if (payload) headers["content-type"] ??= "application/json";
  return new Promise<Sent>((done) => {
    const controller = new AbortController();
    let settled = false;
    let status: number | undefined;
    let timedOut = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controller.abort();
      done({ status, error, timedOut });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      finish(`no complete answer within ${seconds(timeoutMs)} (the action's timeout)`);
    }, timeoutMs);
    const transport = url.protocol === "https:" ? https : http;
    // agent: false: a fresh connection per action, never a pooled socket half-read by an earlier one
    const req = transport.request(url, { method: r.method, headers, agent: false, signal: controller.signal }, (res) => {
      status = res.statusCode;
      const refused = refuseRedirect(status ?? 0, res.headers.location, url);
      if (refused) return finish(refused);
      res.on("data", (chunk: Buffer) => capture.push(chunk));
      res.on("end", () => finish());
      res.on("error", () => finish("connection reset before the response was complete"));
      res.on("close", () => {
        if (!res.complete) finish("connection closed before the response was complete");
      });
    });
    req.on("error", (e: NodeJS.ErrnoException) => finish(describeError(e, url)));
    req.end(payload);
  });
}

function refuseRedirect(status: number, location: string | undefined, from: URL): string | undefined {
  if (status < 300 || status > 399 || !location) return undefined;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return `HTTP ${status}: redirect to an invalid URL not followed`;
  }
  if (to.host !== from.host) return `HTTP ${status}: redirect to another host (${to.host}) refused`;
  return `HTTP ${status}: redirect to ${to.pathname} not followed (an action calls only the URL it declares; update the catalog)`;
}

/** "HTTP 500: <this>": the body's `error` or `message`, else its first line, else the status text. */
function shortReason(status: number, body: string): string {
  const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
  try {
    const json = JSON.parse(body);
    const msg = json?.error?.message ?? json?.error ?? json?.message;
    if (typeof msg === "string" && msg.trim()) return clip(msg.trim());
  } catch {
    // not JSON: fall through to the text
  }
  const line = body.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("<"));
  return clip(line ?? http.STATUS_CODES[status] ?? "unexpected status");
}

/** The poller's wording, plus the host for network errors: an action names its target. */
function describeError(e: NodeJS.ErrnoException, url: URL): string {
  const words = describeRequestError(e, url);
  return e.code && NETWORK_ERRORS[e.code] ? `${words} (${url.host})` : words;
}

export const httpExecutor: Executor = { kind: "http", preview, execute };
