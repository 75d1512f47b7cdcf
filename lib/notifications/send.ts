import "server-only";
import { db } from "@/lib/db";
import { actionEnv, getEnv } from "@/lib/env";
import { createTemplate } from "@/lib/actions/template";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { isPermanent, retryAfterMs } from "./backoff";
import { parseChannelKey } from "./channels-match";
import { postOnce, RefusedAddress, type PostAnswer } from "./post";
import { slackBody, webhookBody } from "./format";
import type { Payload } from "./payload";
import { channelSealer } from "./sealer";
import { signBody } from "./signature";

// One delivery attempt: find where the channel points (resolving ${env:NAME} or opening the
// sealed URL only now, in memory), post, and say what happened in words that never contain the
// URL or the secret.

/** `trusted`: declared in the catalog (operators' config), so it may point inside the network. */
export type Target = { kind: "slack" | "webhook"; url: string; secret: string | null; trusted?: boolean };
export type Outcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; permanent: boolean; retryAfterMs?: number | null };

/** A channel that cannot be sent to at all (gone, disabled, a missing variable): not worth retrying. */
export class ChannelUnavailable extends Error {}

export async function resolveTarget(key: string): Promise<Target> {
  const ref = parseChannelKey(key);
  if (ref?.source === "catalog") {
    const channel = (await getActiveCatalog()).catalog.notifications.find((c) => c.name === ref.name);
    if (!channel) throw new ChannelUnavailable(`the catalog no longer has a channel named "${ref.name}"`);
    const resolve = (t: string) => {
      try {
        return createTemplate({}, actionEnv(), "execute").text(t);
      } catch (e) {
        throw new ChannelUnavailable((e as Error).message);
      }
    };
    return { kind: channel.kind, url: resolve(channel.url), secret: channel.secret ? resolve(channel.secret) : null, trusted: true };
  }
  if (ref?.source === "channel") {
    const row = await db.notificationChannel.findUnique({ where: { id: ref.id }, select: { kind: true, urlSealed: true, secretSealed: true, enabled: true } });
    if (!row) throw new ChannelUnavailable("the channel was deleted");
    if (!row.enabled) throw new ChannelUnavailable("the channel is disabled");
    const sealer = channelSealer();
    try {
      return { kind: row.kind === "slack" ? "slack" : "webhook", url: sealer.open("url", row.urlSealed), secret: row.secretSealed ? sealer.open("secret", row.secretSealed) : null };
    } catch (e) {
      throw new ChannelUnavailable((e as Error).message);
    }
  }
  throw new ChannelUnavailable(`"${key}" is not a channel key`);
}

/** Text safe to store and show: the URL (and its secret path) and the signing secret replaced. */
export function scrub(text: string, target: Pick<Target, "url" | "secret">): string {
  let out = text;
  let path = "";
  try {
    const u = new URL(target.url);
    path = u.pathname + u.search;
  } catch {
    // not a URL: only the whole string is replaced
  }
  for (const s of [target.url, path.length > 1 ? path : "", target.secret ?? ""]) if (s) out = out.split(s).join("…");
  return out.slice(0, 500);
}

/** A receiver's answer as one short line: enough for "no_service", never a page of someone else's data. */
const shortLine = (text: string, max = 80) => {
  const line = (text.split(/\r?\n/)[0] ?? "").replace(/[^\x20-\x7e]/g, " ").replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

function networkReason(e: unknown, timeoutMs: number): string {
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (e instanceof RefusedAddress) return err.message;
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${timeoutMs / 1000} s`;
  const code = err.code ?? err.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused (is the receiver running?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the receiver closed the connection";
  return `request failed: ${shortLine(err.cause?.message ?? err.message, 120)}`;
}

export function buildRequest(target: Target, payload: Payload, deliveryId: string, origin: string, now = Date.now()) {
  const body = JSON.stringify(target.kind === "slack" ? slackBody(payload, origin) : webhookBody(payload, origin, deliveryId));
  const headers: Record<string, string> = {
    "content-type": "application/json", "user-agent": "Sitrep notifications", "x-sitrep-event": payload.event, "x-sitrep-delivery": deliveryId,
  };
  if (target.kind === "webhook" && target.secret) {
    const timestamp = Math.floor(now / 1000);
    headers["x-sitrep-timestamp"] = String(timestamp);
    headers["x-sitrep-signature"] = signBody(target.secret, timestamp, body);
  }
  return { body, headers };
}

export async function deliverTo(target: Target, payload: Payload, deliveryId: string, origin: string, timeoutMs: number): Promise<Outcome> {
  const { body, headers } = buildRequest(target, payload, deliveryId, origin);
  const publicOnly = !target.trusted && !getEnv().SITREP_NOTIFY_ALLOW_PRIVATE;
  let res: PostAnswer;
  try {
    // No redirects are followed: a webhook that moved is a configuration to fix, and following one would send the body elsewhere.
    res = await postOnce(target.url, { headers, body, timeoutMs, publicOnly });
  } catch (e) {
    // A refused address is a configuration to fix: retrying cannot help.
    return { ok: false, status: null, error: scrub(networkReason(e, timeoutMs), target), permanent: e instanceof RefusedAddress };
  }
  const answer = shortLine(res.text);
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  const said = answer ? `: ${answer}` : "";
  if (res.status >= 300 && res.status < 400) return { ok: false, status: res.status, error: `HTTP ${res.status} redirect: point the channel at the final URL`, permanent: true };
  return {
    ok: false, status: res.status, error: scrub(`HTTP ${res.status}${said}`, target), permanent: isPermanent(res.status),
    retryAfterMs: res.status === 429 || res.status === 503 ? retryAfterMs(res.header("retry-after")) : null,
  };
}

