"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { incidentRef } from "@/lib/incidents/rules";
import { ValidationError } from "@/lib/errors";
import { runbookExists } from "@/lib/runbooks/queries";
import { assertKnownServices } from "@/lib/services/known";
import {
  addTimelineNote, assignIncidentRole, changeIncidentSeverity, changeIncidentStatus, declareIncident,
  pinTimelineEvent, updateIncidentDetails,
} from "@/lib/incidents/mutations";
import {
  addNoteSchema, assignRoleSchema, changeSeveritySchema, changeStatusSchema, declareIncidentSchema,
  pinEventSchema, updateDetailsSchema,
} from "@/lib/incidents/schemas";

const refresh = (number?: number) => {
  revalidatePath("/");
  revalidatePath("/incidents");
  if (number) revalidatePath(`/incidents/${number}`);
};

export const declareIncidentAction = defineAction({
  name: "declareIncident",
  role: "responder",
  input: declareIncidentSchema,
  async handler(input, user) {
    await assertKnownServices(input.services, "services");
    if (input.runbook && !(await runbookExists(input.runbook))) {
      throw new ValidationError("That runbook is not in the library (or was archived).", { runbook: ["That runbook is not in the library (or was archived). Choose another, or none."] });
    }
    const incident = await declareIncident(actorOf(user), input);
    refresh();
    return { data: { number: incident.number }, message: `${incidentRef(incident.number)} declared.` };
  },
});

export const changeIncidentStatusAction = defineAction({
  name: "changeIncidentStatus",
  role: "responder",
  input: changeStatusSchema,
  async handler({ incidentId, from, to, reopen }, user) {
    const r = await changeIncidentStatus(actorOf(user), incidentId, from, to, reopen);
    refresh(r.number);
    return { data: undefined, message: `${incidentRef(r.number)} is now ${to}.` };
  },
});

export const changeIncidentSeverityAction = defineAction({
  name: "changeIncidentSeverity",
  role: "responder",
  input: changeSeveritySchema,
  async handler({ incidentId, from, to }, user) {
    const r = await changeIncidentSeverity(actorOf(user), incidentId, from, to);
    refresh(r.number);
    return { data: undefined, message: `${incidentRef(r.number)} is now ${to}.` };
  },
});

export const assignIncidentRoleAction = defineAction({
  name: "assignIncidentRole",
  role: "responder",
  input: assignRoleSchema,
  async handler({ incidentId, role, from, userId }, user) {
    const r = await assignIncidentRole(actorOf(user), incidentId, role, from, userId);
    refresh(r.number);
    return { data: undefined, message: "Role updated." };
  },
});

export const updateIncidentDetailsAction = defineAction({
  name: "updateIncidentDetails",
  role: "responder",
  input: updateDetailsSchema,
  async handler({ incidentId, ...change }, user) {
    if (change.field === "services") await assertKnownServices(change.to.filter((s) => !change.from.includes(s)), "to");
    const r = await updateIncidentDetails(actorOf(user), incidentId, change);
    refresh(r.number);
    return { data: undefined, message: "Saved." };
  },
});

export const addTimelineNoteAction = defineAction({
  name: "addTimelineNote",
  role: "responder",
  input: addNoteSchema,
  async handler({ incidentId, body, occurredAt }, user) {
    const r = await addTimelineNote(actorOf(user), incidentId, body, occurredAt);
    refresh();
    return { data: { id: r.id.toString() }, message: "Note added." };
  },
});

export const pinTimelineEventAction = defineAction({
  name: "pinTimelineEvent",
  role: "responder",
  input: pinEventSchema,
  async handler({ eventId, pinned }, user) {
    await pinTimelineEvent(actorOf(user), eventId, pinned);
    refresh();
    return { data: undefined, message: pinned ? "Pinned." : "Unpinned." };
  },
});
