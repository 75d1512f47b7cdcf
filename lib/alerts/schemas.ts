import { z } from "zod";

const id = (what: string) => z.string().trim().min(1, `Missing ${what}.`).max(64);

/** Snooze lengths offered in the UI, in minutes; the action accepts any from 5 minutes to 7 days. */
export const SILENCE_CHOICES = [
  { minutes: 30, label: "30 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1_440, label: "24 hours" },
  { minutes: 10_080, label: "7 days" },
] as const;

export const silenceAlertSchema = z.object({
  alertId: id("alert"),
  minutes: z.coerce
    .number({ error: "Choose how long to silence it." })
    .int("Choose how long to silence it.")
    .min(5, "Silence it for at least 5 minutes.")
    .max(10_080, "Silence it for at most 7 days; fix the alert rule if it should stay quiet longer."),
  reason: z.string().trim().min(3, "Say why (at least 3 characters): the next person on call will read it.").max(500, "Keep the reason under 500 characters."),
});
export type SilenceAlertInput = z.infer<typeof silenceAlertSchema>;

export const unsilenceAlertSchema = z.object({ silenceId: id("silence") });

export const ALERT_VIEWS = ["firing", "silenced", "resolved", "all"] as const;
export type AlertView = (typeof ALERT_VIEWS)[number];

export const alertFilterSchema = z.object({
  view: z.enum(ALERT_VIEWS).catch("firing"),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000).catch(1),
});
export type AlertFilter = z.infer<typeof alertFilterSchema>;
