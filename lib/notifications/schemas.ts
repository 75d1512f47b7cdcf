import { z } from "zod";
import { SEVERITIES } from "@/lib/incidents/rules";
import { NOTIFY_EVENTS } from "@/lib/services/catalog-schema";

// Shared by the Notifications page's forms and its server actions.

export const CHANNEL_KINDS = ["slack", "webhook"] as const;
export const KIND_LABEL = { slack: "Slack incoming webhook", webhook: "JSON webhook (HMAC-signed)" } as const;

const name = z.string().trim().min(1, "Enter a name.").max(60, "Use at most 60 characters.");
const url = z
  .string()
  .trim()
  .max(2_000, "That URL is too long (at most 2,000 characters).")
  .pipe(z.url({ protocol: /^https?$/, error: "Enter the full webhook URL, starting with https:// (or http:// inside your network)." }));
const secret = z.string().trim().max(500, "Use at most 500 characters.").refine((s) => !s || s.length >= 16, "Use at least 16 characters; e.g. the output of `openssl rand -hex 32`.");
const events = z.array(z.enum(NOTIFY_EVENTS, { error: "Unknown event." })).min(1, "Choose at least one event.");
const minSeverity = z.enum(SEVERITIES, { error: "Choose P1 to P4." });
const id = z.string().trim().min(1, "Missing channel.").max(64);

export const createChannelSchema = z
  .strictObject({ name, kind: z.enum(CHANNEL_KINDS, { error: "Choose Slack or JSON webhook." }), url, secret: secret.default(""), events, minSeverity })
  .superRefine((c, ctx) => {
    if (c.kind === "webhook" && !c.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "A JSON webhook is signed: enter a signing secret of at least 16 characters." });
    if (c.kind === "slack" && c.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "Slack webhooks are not signed: leave the secret empty." });
  });

/** URL and secret left empty keep what is stored (it is never shown, so it cannot be prefilled). */
export const updateChannelSchema = z.strictObject({
  id,
  name,
  url: z.union([z.literal(""), url]).default(""),
  secret: secret.default(""),
  events,
  minSeverity,
});

export const setChannelEnabledSchema = z.strictObject({ id, enabled: z.boolean({ error: "Choose enable or disable." }) });
export const deleteChannelSchema = z.strictObject({ id });

/** "catalog:<name>" or "channel:<id>", as listed on the page. */
export const testChannelSchema = z.strictObject({
  channelKey: z.string().trim().regex(/^(catalog|channel):.{1,80}$/, "Unknown channel."),
});
export const retryDeliverySchema = z.strictObject({
  id: z.string().trim().regex(/^\d{1,18}$/, "Unknown delivery.").transform((v) => BigInt(v)),
});

export type CreateChannelInput = z.infer<typeof createChannelSchema>;
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;
