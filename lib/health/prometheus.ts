// PromQL range queries against a Prometheus server's HTTP API, for health and metrics panels.
// Never throws: whatever goes wrong ends up on a panel in front of someone on call, so every
// failure becomes one sentence naming the server and what happened.

export type PromPoint = { t: number /* epoch ms */; v: number | null };
export type PromSeries = { labels: Record<string, string>; points: PromPoint[] };
export type PromResult = { ok: true; series: PromSeries[] } | { ok: false; error: string };
export type PromRange = { start: number; end: number; stepMs: number };
export type PromQueryOptions = { timeoutMs?: number; maxBytes?: number; signal?: AbortSignal };

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;

type Server = { base: URL; prefix: string; shown: string; auth?: string };

class PromError extends Error {} // its message is the user-facing tail of the error sentence

function parseServer(server: string): Server | null {
  const url = URL.canParse(server.trim()) ? new URL(server.trim()) : null;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") return null;
  // fetch rejects URLs that carry credentials; send them as a header and keep them out of messages
  const user = decodeURIComponent(url.username);
  const auth = user || url.password ? `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString("base64")}` : undefined;
  url.username = url.password = url.search = url.hash = "";
  const prefix = url.pathname.replace(/\/+$/, ""); // Prometheus may sit under a path, behind a proxy
  return { base: url, prefix, shown: url.origin + prefix, auth };
}

export async function queryRange(server: string, query: string, range: PromRange, opts: PromQueryOptions = {}): Promise<PromResult> {
  const target = parseServer(server);
  if (!target) return { ok: false, error: `Prometheus at "${server}": not an http:// or https:// address` };
  const say = (tail: string): PromResult => ({ ok: false, error: `Prometheus at ${target.shown}${tail}` });
  const { start, end, stepMs } = range;
  if (![start, end, stepMs].every(Number.isFinite) || stepMs <= 0 || end < start) {
    return say(": the time range needs start ≤ end and a positive step");
  }
  const url = new URL(target.base);
  url.pathname = `${target.prefix}/api/v1/query_range`;
  url.search = new URLSearchParams({ query, start: String(start / 1000), end: String(end / 1000), step: String(stepMs / 1000) }).toString();

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  try {
    const res = await fetchSameOrigin(url, target, signal);
    const text = await readCapped(res, opts.maxBytes ?? DEFAULT_MAX_BYTES);
    // A point further apart than the range allows is garbage; never fill more gaps than that
    const maxPoints = Math.floor((end - start) / stepMs) + 1;
    return { ok: true, series: interpret(res, text, stepMs, maxPoints) };
  } catch (e) {
    if (timeout.aborted) return say(`: timeout after ${+(timeoutMs / 1000).toFixed(3)} s`);
    if (opts.signal?.aborted) return say(": query cancelled");
    if (e instanceof PromError) return say(e.message);
    return say(describeNetworkError(e));
  }
}

async function fetchSameOrigin(url: URL, target: Server, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (target.auth) headers.authorization = target.auth;
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await fetch(current, { signal, headers, redirect: "manual" });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel();
    const next = new URL(location, current);
    // Another host would be a different server than the one configured, and would get the credentials
    if (next.origin !== target.base.origin) throw new PromError(` redirected to ${next.origin}; only redirects on the same host are followed`);
    if (hop >= MAX_REDIRECTS) throw new PromError(` redirected more than ${MAX_REDIRECTS} times`);
    current = next;
  }
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  return bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

/** Reads the body as a stream so a runaway query cannot fill memory before we notice. */
async function readCapped(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PromError(` answered with more than ${sizeText(maxBytes)}; narrow the query to fewer series or use a larger step`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function interpret(res: Response, text: string, stepMs: number, maxPoints: number): PromSeries[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {}
  const type = res.headers.get("content-type")?.split(";")[0];
  const notApi = new PromError(` returned something that is not a Prometheus API response (HTTP ${res.status}${type ? `, ${type}` : ""})`);
  if (!isObject(body) || (body.status !== "success" && body.status !== "error")) throw notApi;
  if (body.status === "error") {
    throw new PromError(` answered HTTP ${res.status}: ${String(body.error ?? body.errorType ?? "an error without a message")}`);
  }
  const series = parseData(body.data, stepMs, maxPoints);
  if (!series) throw notApi;
  return series;
}

function parseData(data: unknown, stepMs: number, maxPoints: number): PromSeries[] | null {
  if (!isObject(data)) return null;
  const { resultType, result } = data;
  // query_range always answers a matrix, but a proxy or an older server may answer a single point
  if ((resultType === "scalar" || resultType === "string") && Array.isArray(result)) {
    const point = toPoint(result);
    return point && [{ labels: {}, points: [point] }];
  }
  if (!Array.isArray(result) || (resultType !== "matrix" && resultType !== "vector")) return null;
  const series: PromSeries[] = [];
  for (const item of result) {
    if (!isObject(item)) return null;
    // Native histograms arrive under "histograms" instead of "values"; a chart has no line for them
    const raw = resultType === "vector" ? [item.value] : (item.values ?? []);
    if (!Array.isArray(raw)) return null;
    const points = raw.map(toPoint);
    if (points.some((p) => p === null)) return null;
    series.push({ labels: toLabels(item.metric), points: withGaps(points as PromPoint[], stepMs, maxPoints) });
  }
  return series;
}

function toPoint(pair: unknown): PromPoint | null {
  if (!Array.isArray(pair) || typeof pair[0] !== "number" || typeof pair[1] !== "string") return null;
  // "NaN", "+Inf" and "-Inf" have no place on a chart's axis: they become gaps
  const v = Number(pair[1]);
  return { t: Math.round(pair[0] * 1000), v: Number.isFinite(v) ? v : null };
}

function toLabels(metric: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isObject(metric)) for (const [k, v] of Object.entries(metric)) labels[k] = String(v);
  return labels;
}

/** A missing step becomes an explicit null, so a chart breaks the line instead of bridging an outage. */
function withGaps(points: PromPoint[], stepMs: number, maxPoints: number): PromPoint[] {
  const out: PromPoint[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    if (prev) {
      const missing = Math.min(Math.round((p.t - prev.t) / stepMs) - 1, maxPoints);
      for (let k = 1; k <= missing; k++) out.push({ t: prev.t + k * stepMs, v: null });
    }
    out.push(p);
  }
  return out;
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: " is unreachable (connection refused)",
  ENOTFOUND: " is unreachable (host name not found)",
  EAI_AGAIN: " is unreachable (host name lookup failed)",
  EHOSTUNREACH: " is unreachable (no route to host)",
  ENETUNREACH: " is unreachable (network unreachable)",
  UND_ERR_CONNECT_TIMEOUT: " is unreachable (connection timed out)",
  ECONNRESET: " closed the connection before answering (connection reset)",
  UND_ERR_SOCKET: " closed the connection before answering",
};
NETWORK_ERRORS.ETIMEDOUT = NETWORK_ERRORS.UND_ERR_CONNECT_TIMEOUT;

/** fetch wraps the system error in `cause`, several of them in an AggregateError when a name has many addresses. */
function errorCode(e: unknown, depth = 0): string | undefined {
  if (!isObject(e) && !(e instanceof Error)) return undefined;
  const err = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === "string") return err.code;
  if (depth > 3) return undefined;
  return errorCode(err.cause, depth + 1) ?? (Array.isArray(err.errors) ? errorCode(err.errors[0], depth + 1) : undefined);
}

function describeNetworkError(e: unknown): string {
  const code = errorCode(e);
  if (code && NETWORK_ERRORS[code]) return NETWORK_ERRORS[code];
  if (code && /CERT|TLS|SSL/.test(code)) return `: TLS certificate not accepted (${code})`;
  return `: request failed (${code ?? (e instanceof Error ? e.message : String(e))})`;
}

/**
 * A legend for one series: "{{provider}} open" fills in labels like Grafana's legend format;
 * without one, the labels other than __name__ as k=v, or else the metric name.
 */
export function seriesLabel(labels: Record<string, string>, legend?: string): string {
  if (legend?.trim()) {
    const text = legend.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? "");
    if (text.trim()) return text;
  }
  const pairs = Object.entries(labels).filter(([k]) => k !== "__name__").map(([k, v]) => `${k}=${v}`);
  if (pairs.length) return pairs.join(", ");
  return labels.__name__ ?? "{}";
}
