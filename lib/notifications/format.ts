// The bodies Sitrep posts: a Slack-compatible incoming-webhook message (text for the phone's
// notification, blocks for the channel), and the generic JSON webhook's documented shape.
// `origin` is the public address links are built on (SITREP_PUBLIC_URL).
import { EVENT_LABEL, type Payload } from "./payload";

const SEVERITY_EMOJI = { P1: ":red_circle:", P2: ":large_orange_circle:", P3: ":large_yellow_circle:", P4: ":white_circle:" } as const;

/** Slack's mrkdwn treats &, < and > as markup: a title like "<script>" or "a > b" must stay text. */
export const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const link = (url: string, label: string) => `<${url}|${escapeSlack(label)}>`;

/** Concatenated, not resolved: a public URL with a base path (https://ops.example/sitrep) keeps it. */
export const absoluteUrl = (origin: string, path: string) => `${origin.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;

/** One line: what happened, to what. */
export function headline(p: Payload): string {
  const i = p.incident;
  switch (p.event) {
    case "incident.declared":
      return `${i!.severity} incident declared: ${i!.ref} ${i!.title}`;
    case "incident.severity":
      return `${i!.ref} severity ${p.change?.severity?.from ?? "?"} → ${p.change?.severity?.to ?? i!.severity}: ${i!.title}`;
    case "incident.resolved":
      return `${i!.ref} resolved: ${i!.title}`;
    case "action.approval":
      return `Approval needed: ${p.action!.title} on ${p.action!.service}${i ? ` (${i.ref})` : ""}`;
    case "notification.test":
      return `Test notification from Sitrep for channel "${p.test?.channel ?? ""}"`;
  }
}

function details(p: Payload): string[] {
  const i = p.incident;
  const out: string[] = [];
  if (i) out.push(`*Status:* ${i.status}`, `*Services:* ${i.services.length ? escapeSlack(i.services.join(", ")) : "none listed"}`);
  if (p.action) out.push(`*Requested by:* ${escapeSlack(p.action.requestedBy)}`, `*Danger:* ${p.action.danger}`);
  else out.push(`*By:* ${escapeSlack(p.actor)}`);
  return out;
}

export function slackBody(p: Payload, origin: string) {
  const i = p.incident;
  const url = p.action ? absoluteUrl(origin, p.action.path) : i ? absoluteUrl(origin, i.path) : absoluteUrl(origin, "/");
  const text = `${headline(p)} ${url}`;
  if (p.event === "notification.test") {
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${escapeSlack(headline(p))}: it works. ${link(url, "Open Sitrep")}` } }] };
  }
  const emoji = i ? `${SEVERITY_EMOJI[i.severity]} *${i.severity}*  ` : "";
  const title = p.action
    ? `${link(url, `${p.action.title} on ${p.action.service}`)}${i ? ` for ${link(absoluteUrl(origin, i.path), `${i.ref}: ${i.title}`)}` : ""}`
    : link(url, `${i!.ref}: ${i!.title}`);
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${emoji}*${EVENT_LABEL[p.event]}*\n${title}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: details(p).join("   ") }] },
    ],
  };
}

/** The generic webhook's body: the stored facts with absolute links, and the delivery id for dedup. */
export function webhookBody(p: Payload, origin: string, deliveryId: string) {
  return {
    event: p.event,
    deliveryId,
    occurredAt: p.occurredAt,
    actor: p.actor,
    incident: p.incident ? linked(p.incident, origin) : null,
    ...(p.change ? { change: p.change } : {}),
    ...(p.action ? { action: linked(p.action, origin) } : {}),
    ...(p.test ? { test: p.test } : {}),
  };
}

/** The stored relative path becomes an absolute `url`. */
function linked<T extends { path: string }>(v: T, origin: string): Omit<T, "path"> & { url: string } {
  const rest: Partial<T> = { ...v };
  delete rest.path;
  return { ...(rest as Omit<T, "path">), url: absoluteUrl(origin, v.path) };
}
