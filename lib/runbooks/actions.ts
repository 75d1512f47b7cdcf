"use server";
import { revalidatePath } from "next/cache";
import { actorOf, defineAction } from "@/lib/action-client";
import { assertKnownServices } from "@/lib/services/known";
import { catalogActions, catalogServiceRefs } from "@/lib/runbooks/catalog-refs";
import { ValidationError } from "@/lib/errors";
import { importRunbookDocument } from "@/lib/runbooks/import";
import { bindRunbookStep, editRunbook, linkRunbook, setRunbookArchived } from "@/lib/runbooks/mutations";
import { finishRunbookRun, markRunbookStep, setRunVars, startRunbookRun } from "@/lib/runbooks/runs";
import {
  bindStepSchema, editRunbookSchema, finishRunSchema, importRunbooksSchema, linkRunbookSchema, markStepSchema, setRunVarsSchema, startRunSchema,
} from "@/lib/runbooks/schemas";
import { z } from "zod";

const refreshLibrary = (slug?: string) => {
  revalidatePath("/runbooks");
  if (slug) revalidatePath(`/runbooks/${slug}`);
};

export const importRunbooksAction = defineAction({
  name: "importRunbooks",
  role: "admin",
  input: importRunbooksSchema,
  async handler({ name, text, services }, user) {
    await assertKnownServices(services, "services");
    const r = await importRunbookDocument(actorOf(user), { source: name, text, services }, await catalogServiceRefs());
    refreshLibrary();
    const message = r.status === "unchanged"
      ? `${name} is unchanged since its last import.`
      : `${name}: ${r.created.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged${r.archived.length ? `, ${r.archived.length} archived` : ""}.`;
    return { data: { first: r.created[0] ?? r.updated[0] ?? r.unchanged[0] ?? null }, message };
  },
});

export const editRunbookAction = defineAction({
  name: "editRunbook",
  role: "admin",
  input: editRunbookSchema,
  async handler(input, user) {
    const r = await editRunbook(actorOf(user), input);
    refreshLibrary(input.slug);
    return { data: r, message: r.changed ? `Saved as version ${r.version}.` : "No changes to save." };
  },
});

export const bindRunbookStepAction = defineAction({
  name: "bindRunbookStep",
  role: "admin",
  input: bindStepSchema,
  async handler({ slug, fromVersion, step, target }, user) {
    const [service, action] = target.split("/");
    if (!(await catalogActions()).some((a) => a.service === service && a.action === action)) {
      throw new ValidationError(`${target} is not an action in the service catalog.`, { target: [`${target} is not an action in the service catalog.`] });
    }
    const r = await bindRunbookStep(actorOf(user), { slug, fromVersion, step, service, action });
    refreshLibrary(slug);
    return { data: r, message: `Step bound to ${target} (version ${r.version}).` };
  },
});

export const linkRunbookAction = defineAction({
  name: "linkRunbook",
  role: "admin",
  input: linkRunbookSchema,
  async handler(input, user) {
    await assertKnownServices(input.services, "services");
    await linkRunbook(actorOf(user), input);
    refreshLibrary(input.slug);
    return { data: undefined, message: "Links saved." };
  },
});

export const archiveRunbookAction = defineAction({
  name: "archiveRunbook",
  role: "admin",
  input: z.object({ slug: z.string().trim().min(1).max(200), archived: z.preprocess((v) => v === true || v === "true", z.boolean()) }),
  async handler({ slug, archived }, user) {
    await setRunbookArchived(actorOf(user), slug, archived);
    refreshLibrary(slug);
    return { data: undefined, message: archived ? "Archived." : "Restored." };
  },
});

export const startRunbookRunAction = defineAction({
  name: "startRunbookRun",
  role: "responder",
  input: startRunSchema,
  async handler(input, user) {
    const r = await startRunbookRun(actorOf(user), input);
    revalidatePath("/");
    return { data: r, message: r.joined ? "Joined the run already going." : "Runbook started." };
  },
});

export const markRunbookStepAction = defineAction({
  name: "markRunbookStep",
  role: "responder",
  input: markStepSchema,
  async handler(input, user) {
    await markRunbookStep(actorOf(user), input);
    return { data: undefined, message: input.status ? `Step marked ${input.status}.` : "Step cleared." };
  },
});

export const setRunVarsAction = defineAction({
  name: "setRunVars",
  role: "responder",
  input: setRunVarsSchema,
  async handler(input, user) {
    await setRunVars(actorOf(user), input);
    return { data: undefined, message: "Values saved for everyone on this run." };
  },
});

export const finishRunbookRunAction = defineAction({
  name: "finishRunbookRun",
  role: "responder",
  input: finishRunSchema,
  async handler(input, user) {
    await finishRunbookRun(actorOf(user), input);
    revalidatePath("/");
    return { data: undefined, message: input.status === "completed" ? "Run completed." : "Run abandoned." };
  },
});
