"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { incidentRef } from "@/lib/incidents/rules";
import { createActionItem, setActionItemStatus, updateActionItem } from "@/lib/followups/action-items";
import { addChecklist, setChecklistItem } from "@/lib/followups/checklists";
import { ACTION_STATUS_LABELS } from "@/lib/followups/rules";
import { addChecklistSchema, checkItemSchema, createActionItemSchema, setActionStatusSchema, updateActionItemSchema } from "@/lib/followups/schemas";

const refresh = (number: number) => {
  revalidatePath(`/incidents/${number}`);
  revalidatePath("/follow-ups");
};

export const addChecklistAction = defineAction({
  name: "addChecklist",
  role: "responder",
  input: addChecklistSchema,
  async handler({ incidentId, templateId }, user) {
    const r = await addChecklist(actorOf(user), incidentId, templateId);
    refresh(r.number);
    return { data: { checklistId: r.checklistId }, message: `“${r.name}” added to ${incidentRef(r.number)}.` };
  },
});

export const setChecklistItemAction = defineAction({
  name: "setChecklistItem",
  role: "responder",
  input: checkItemSchema,
  async handler({ itemId, checked }, user) {
    const r = await setChecklistItem(actorOf(user), itemId, checked);
    refresh(r.number);
    // Someone else got there first: say so, it is not an error.
    const message = r.changed ? (checked ? "Checked." : "Unchecked.") : checked ? `Already checked by ${r.checkedByLabel ?? "someone"}.` : "Already unchecked.";
    return { data: { changed: r.changed }, message };
  },
});

export const createActionItemAction = defineAction({
  name: "createActionItem",
  role: "responder",
  input: createActionItemSchema,
  async handler({ incidentId, ...input }, user) {
    const r = await createActionItem(actorOf(user), incidentId, input);
    refresh(r.number);
    return { data: { id: r.id }, message: "Action item added." };
  },
});

export const updateActionItemAction = defineAction({
  name: "updateActionItem",
  role: "responder",
  input: updateActionItemSchema,
  async handler({ id, version, ...fields }, user) {
    const r = await updateActionItem(actorOf(user), id, version, fields);
    refresh(r.number);
    return { data: { version: r.version }, message: "Action item saved." };
  },
});

export const setActionItemStatusAction = defineAction({
  name: "setActionItemStatus",
  role: "responder",
  input: setActionStatusSchema,
  async handler({ id, version, status }, user) {
    const r = await setActionItemStatus(actorOf(user), id, version, status);
    refresh(r.number);
    return { data: { version: r.version }, message: `Marked ${ACTION_STATUS_LABELS[status].toLowerCase()}.` };
  },
});
