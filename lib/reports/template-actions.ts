"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { createChecklistTemplate, setChecklistTemplateArchived, updateChecklistTemplate } from "@/lib/reports/checklist-template-mutations";
import { createReportTemplate, setReportTemplateArchived, updateReportTemplate, type MovedDefault } from "@/lib/reports/template-mutations";
import { listText } from "@/lib/reports/template-rules";
import {
  archiveTemplateSchema, createChecklistTemplateSchema, createReportTemplateSchema, updateChecklistTemplateSchema, updateReportTemplateSchema,
} from "@/lib/reports/template-schemas";

// Templates are admin business; everyone signed in reads them (the pages check that).
const LIST = "/reports/templates";
const refresh = (path?: string) => {
  revalidatePath(LIST);
  if (path) revalidatePath(path);
};
const movedNote = (moved: MovedDefault[]) => moved.map((m) => ` ${listText(m.severities)} no longer default to ${m.name}.`).join("");

export const createReportTemplateAction = defineAction({
  name: "createReportTemplate",
  role: "admin",
  input: createReportTemplateSchema,
  async handler(input, user) {
    const r = await createReportTemplate(actorOf(user), input);
    refresh();
    return { data: { slug: r.slug }, message: `${input.name} created.${movedNote(r.moved)}` };
  },
});

export const updateReportTemplateAction = defineAction({
  name: "updateReportTemplate",
  role: "admin",
  input: updateReportTemplateSchema,
  async handler(input, user) {
    const r = await updateReportTemplate(actorOf(user), input);
    refresh(`${LIST}/${input.slug}`);
    return { data: { version: r.version }, message: r.changed ? `Saved as version ${r.version}.${movedNote(r.moved)}` : "No changes to save." };
  },
});

export const archiveReportTemplateAction = defineAction({
  name: "archiveReportTemplate",
  role: "admin",
  input: archiveTemplateSchema,
  async handler({ slug, archived }, user) {
    await setReportTemplateArchived(actorOf(user), slug, archived);
    refresh(`${LIST}/${slug}`);
    return { data: undefined, message: archived ? "Archived: new reports no longer offer it." : "Restored." };
  },
});

export const createChecklistTemplateAction = defineAction({
  name: "createChecklistTemplate",
  role: "admin",
  input: createChecklistTemplateSchema,
  async handler(input, user) {
    const r = await createChecklistTemplate(actorOf(user), input);
    refresh();
    return { data: { slug: r.slug }, message: `${input.name} created.` };
  },
});

export const updateChecklistTemplateAction = defineAction({
  name: "updateChecklistTemplate",
  role: "admin",
  input: updateChecklistTemplateSchema,
  async handler(input, user) {
    const r = await updateChecklistTemplate(actorOf(user), input);
    refresh(`${LIST}/checklists/${input.slug}`);
    return { data: { version: r.version }, message: r.changed ? `Saved as version ${r.version}.` : "No changes to save." };
  },
});

export const archiveChecklistTemplateAction = defineAction({
  name: "archiveChecklistTemplate",
  role: "admin",
  input: archiveTemplateSchema,
  async handler({ slug, archived }, user) {
    await setChecklistTemplateArchived(actorOf(user), slug, archived);
    refresh(`${LIST}/checklists/${slug}`);
    return { data: undefined, message: archived ? "Archived: no incident gets it any more." : "Restored." };
  },
});
