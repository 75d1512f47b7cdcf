import "server-only";
import { BusyError } from "@/lib/busy";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { amPayloadSchema } from "@/lib/alerts/alertmanager-schema";
import { fromAlertmanager } from "@/lib/alerts/normalize";
import { ingestGroup, ingestOptions } from "@/lib/alerts/ingest";
import { createLimiter } from "@/lib/health/limiter";

// POST /api/alerts/alertmanager: Alertmanager's webhook (payload version 4), authenticated by the
// bearer token Alertmanager sends from `http_config.authorization`. Every refusal is a 4xx with a
// reason a person can act on, and writes nothing; Alertmanager does not retry 4xx.

export const MAX_BODY_BYTES = 1_048_576;
const HEADERS = { "cache-control": "no-store" };
const refuse = (status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ error, ...extra }, { status, headers: { ...HEADERS, ...headers } });

const digest = (s: string) => createHash("sha256").update(s).digest();

function tokenMatches(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? "");
  // Compare digests: equal length whatever was sent, and no early exit on the first wrong byte.
  return Boolean(m) && timingSafeEqual(digest(m![1].trim()), digest(token));
}

class TooLarge extends Error {}

let slots: ReturnType<typeof createLimiter> | null = null;
// Leave one connection of the pool to the rest of the app (pages, the poller) during a burst.
const ingestSlots = () => (slots ??= createLimiter(Math.max(1, getEnv().DATABASE_POOL_SIZE - 1)));

/** The body, refusing more than the limit without reading it all into memory first. */
async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new TooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}

const describeIssues = (e: z.ZodError) => e.issues.slice(0, 20).map((i) => `${i.path.join(".") || "payload"}: ${i.message}`);

export async function handleAlertmanagerWebhook(request: Request): Promise<Response> {
  const token = getEnv().SITREP_ALERTMANAGER_TOKEN;
  if (!token) return refuse(503, "Alert intake is off: set SITREP_ALERTMANAGER_TOKEN on Sitrep and the same token in Alertmanager's http_config.authorization.");
  if (!tokenMatches(request.headers.get("authorization"), token)) {
    return refuse(401, "Wrong or missing bearer token: Alertmanager must send Authorization: Bearer <SITREP_ALERTMANAGER_TOKEN>.", {}, { "www-authenticate": 'Bearer realm="sitrep-alerts"' });
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return refuse(415, `Send JSON (Content-Type: application/json), not ${type || "no content type"}.`);
  let text: string;
  try {
    text = await readBody(request, MAX_BODY_BYTES);
  } catch (e) {
    if (e instanceof TooLarge) return refuse(413, `The notification is over ${MAX_BODY_BYTES / 1_048_576} MB. Lower max_alerts in Alertmanager's webhook_config, or group alerts more finely.`);
    return refuse(400, "The body is not valid UTF-8 text.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return refuse(400, `The body is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = amPayloadSchema.safeParse(json);
  if (!parsed.success) return refuse(422, "This is not an Alertmanager webhook notification (version 4) Sitrep can read.", { issues: describeIssues(parsed.error) });
  const options = ingestOptions();
  // A burst (Alertmanager flushing many groups on one tick) queues here in order, one ingest per
  // pooled connection, rather than every request waiting on the pool at once and timing out.
  let result;
  try {
    result = await ingestSlots()(() => ingestGroup(fromAlertmanager(parsed.data, options.severity), options));
  } catch (e) {
    // Nothing was stored: Alertmanager keeps the notification and retries on a 5xx.
    if (e instanceof BusyError) return refuse(503, e.message, {}, { "retry-after": "2" });
    throw e;
  }
  return Response.json({ ok: true, ...result }, { headers: HEADERS });
}
