"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { incidentRef } from "@/lib/incidents/rules";
import { changeReportStatus, createReport, renameReport, saveReportSection, startReportRevision } from "@/lib/reports/mutations";
import { changeReportStatusSchema, createReportSchema, newRevisionSchema, renameReportSchema, saveSectionSchema, STATUS_LABEL } from "@/lib/reports/schemas";

const refresh = (number: number) => {
  revalidatePath(`/incidents/${number}`);
  revalidatePath(`/incidents/${number}/report`);
  revalidatePath("/reports");
};

export const createReportAction = defineAction({
  name: "createReport",
  role: "responder",
  input: createReportSchema,
  async handler({ incidentId, templateId }, user) {
    const r = await createReport(actorOf(user), incidentId, templateId);
    refresh(r.number);
    return { data: { number: r.number }, message: `Report for ${incidentRef(r.number)} created, prefilled from the incident.` };
  },
});

// Autosave: no revalidatePath (the editor holds the text; others refresh from the live stream).
export const saveReportSectionAction = defineAction({
  name: "saveReportSection",
  role: "responder",
  input: saveSectionSchema,
  handler: (input, user) => saveReportSection(actorOf(user), input),
});

export const changeReportStatusAction = defineAction({
  name: "changeReportStatus",
  role: "responder",
  input: changeReportStatusSchema,
  async handler(input, user) {
    const r = await changeReportStatus(actorOf(user), input);
    refresh(r.number);
    return { data: undefined, message: r.status === "published" ? "Report published. It is read-only now." : `Report is now ${STATUS_LABEL[r.status].toLowerCase()}.` };
  },
});

export const startReportRevisionAction = defineAction({
  name: "startReportRevision",
  role: "responder",
  input: newRevisionSchema,
  async handler(input, user) {
    const r = await startReportRevision(actorOf(user), input);
    refresh(r.number);
    return { data: undefined, message: `Revision ${r.revision} started as a draft. The published revision stays on record.` };
  },
});

export const renameReportAction = defineAction({
  name: "renameReport",
  role: "responder",
  input: renameReportSchema,
  async handler(input, user) {
    const r = await renameReport(actorOf(user), input);
    refresh(r.number);
    return { data: undefined, message: "Title saved." };
  },
});
