"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { incidentRef } from "@/lib/incidents/rules";
import { linkIncidents, unlinkIncidents } from "@/lib/incidents/links";
import { mergeIncident } from "@/lib/incidents/merge";
import { linkIncidentSchema, mergeIncidentSchema } from "@/lib/incidents/schemas";

// Linking and merging incidents (one outage declared twice). Un-merging is the incident's Reopen.

const refresh = (...numbers: number[]) => {
  revalidatePath("/");
  revalidatePath("/incidents");
  for (const n of numbers) revalidatePath(`/incidents/${n}`);
};

export const linkIncidentAction = defineAction({
  name: "linkIncident",
  role: "responder",
  input: linkIncidentSchema,
  async handler(input, user) {
    const r = await linkIncidents(actorOf(user), input);
    refresh(r.number, r.other);
    return { data: undefined, message: `Linked to ${incidentRef(r.other)}.` };
  },
});

export const unlinkIncidentAction = defineAction({
  name: "unlinkIncident",
  role: "responder",
  input: linkIncidentSchema,
  async handler(input, user) {
    const r = await unlinkIncidents(actorOf(user), input);
    refresh(r.number, r.other);
    return { data: undefined, message: `No longer linked to ${incidentRef(r.other)}.` };
  },
});

export const mergeIncidentAction = defineAction({
  name: "mergeIncident",
  role: "responder",
  input: mergeIncidentSchema,
  async handler(input, user) {
    const r = await mergeIncident(actorOf(user), input);
    refresh(r.number, r.into);
    const moved = r.alerts === 1 ? "1 alert moved" : `${r.alerts} alerts moved`;
    return { data: { into: r.into }, message: `${incidentRef(r.number)} merged into ${incidentRef(r.into)} (${moved}).` };
  },
});
