"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { silenceAlert, unsilenceAlert } from "@/lib/alerts/silences";
import { surfaceUnsilenced } from "@/lib/alerts/surface";
import { SILENCE_CHOICES, silenceAlertSchema, unsilenceAlertSchema } from "@/lib/alerts/schemas";

const lengthOf = (minutes: number) => SILENCE_CHOICES.find((c) => c.minutes === minutes)?.label ?? `${minutes} minutes`;

export const silenceAlertAction = defineAction({
  name: "silenceAlert",
  role: "responder",
  input: silenceAlertSchema,
  async handler(input, user) {
    const r = await silenceAlert(actorOf(user), input);
    revalidatePath("/alerts");
    return { data: { silenceId: r.silenceId }, message: `${r.alertname} silenced for ${lengthOf(input.minutes)}.` };
  },
});

export const unsilenceAlertAction = defineAction({
  name: "unsilenceAlert",
  role: "responder",
  input: unsilenceAlertSchema,
  async handler({ silenceId }, user) {
    const r = await unsilenceAlert(actorOf(user), silenceId);
    // Still firing: it opens (or joins) its incident now, not at Alertmanager's next repeat.
    if (r.changed) await surfaceUnsilenced().catch((e) => console.error("[alerts] could not route alerts after lifting a silence", e));
    revalidatePath("/alerts");
    return { data: { changed: r.changed }, message: r.changed ? `${r.alertname} is no longer silenced.` : `${r.alertname} was no longer silenced.` };
  },
});
