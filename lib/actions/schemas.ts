import { z } from "zod";

// Inputs of the recovery-action server actions and routes. Parameter values are checked against
// the action's own declared types in catalog-action.ts; here only their shape.

const slug = (what: string) => z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, `Choose a ${what}.`);
const id = z.string().trim().min(1, "Missing id.").max(64);
const optionalId = z.string().trim().max(64).optional().transform((v) => v || null);
const paramValues = z.record(z.string().max(64), z.union([z.string().max(1000, "Keep each value under 1000 characters."), z.number()])).default({});

const target = {
  service: slug("service"),
  action: slug("action"),
  params: paramValues,
  incidentId: optionalId,
  runbookRunId: optionalId,
  step: z.string().trim().max(100).optional().transform((v) => v || null),
};

export const previewActionSchema = z.object(target);

export const requestActionSchema = z.object({
  ...target,
  /** one per press of the button: a repeated submission finds the same run */
  idempotencyKey: z.string().trim().regex(/^[A-Za-z0-9_-]{16,100}$/, "Missing or malformed request key; reload the page."),
  /** a destructive action needs the service's slug typed here */
  confirm: z.string().trim().max(100).optional().default(""),
  rollbackOfId: optionalId,
});
export type RequestActionInput = z.infer<typeof requestActionSchema>;

export const approveActionSchema = z.object({
  runId: id,
  targetHash: z.string().trim().regex(/^[0-9a-f]{64}$/, "Missing what you reviewed; reload and review the request again."),
  password: z.string().max(1000).optional(),
});

export const denyActionSchema = z.object({
  runId: id,
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});

export const executeActionSchema = z.object({ runId: id });

export const listActionRunsSchema = z.object({
  incident: z.string().trim().max(64).optional(),
  service: z.string().trim().max(63).optional(),
});
