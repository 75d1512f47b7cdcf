import { z } from "zod";
import { parseIncidentRef, SEVERITIES, STATUSES } from "@/lib/incidents/rules";

const id = z.string().trim().min(1, "Missing incident.").max(64);
const severity = z.enum(SEVERITIES, { error: "Choose a severity from P1 to P4." });
const status = z.enum(STATUSES, { error: "Choose a status." });
export const serviceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-_.]{0,62}$/, "Service names use letters, digits, dots, dashes and underscores.");

/** Services arrive as a list, or as "a, b c" text from a form field. */
const services = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z.array(serviceSlug).max(50, "At most 50 services.").transform((list) => [...new Set(list)]),
);

/** A time typed by a person; a bare "YYYY-MM-DDTHH:mm" from a datetime-local input is UTC. */
export const pastTime = z
  .union([z.date(), z.string().trim()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const d = v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time." });
      return z.NEVER;
    }
    if (d.getTime() > Date.now() + 60_000) {
      ctx.addIssue({ code: "custom", message: "That time is in the future." });
      return z.NEVER;
    }
    return d;
  });

export const declareIncidentSchema = z.object({
  title: z.string().trim().min(3, "Give the incident a title (at least 3 characters).").max(200, "Keep the title under 200 characters."),
  severity,
  services: services.default([]),
  summary: z.string().trim().max(10_000, "Keep the summary under 10,000 characters.").default(""),
  startedAt: pastTime,
  /** a runbook to suggest first on the incident (declared from a failing service); its slug */
  runbook: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().trim().max(200).regex(/^[a-z0-9][a-z0-9-]*$/, "Choose a runbook from the list.").optional(),
  ),
});

export const changeStatusSchema = z.object({
  incidentId: id,
  /** the status the person saw: if it changed meanwhile, this is a conflict, not an overwrite */
  from: status,
  to: status,
  reopen: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
});

export const changeSeveritySchema = z.object({ incidentId: id, from: severity, to: severity });

export const INCIDENT_ROLES = ["commander", "scribe", "comms"] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];
export const ROLE_NAMES: Record<IncidentRole, string> = { commander: "Commander", scribe: "Scribe", comms: "Communications" };

const optionalUser = z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(64).nullable());

export const assignRoleSchema = z.object({
  incidentId: id,
  role: z.enum(INCIDENT_ROLES, { error: "Choose commander, scribe or communications." }),
  from: optionalUser,
  userId: optionalUser,
});

export const EDITABLE_FIELDS = ["title", "summary", "services"] as const;

export const updateDetailsSchema = z.discriminatedUnion("field", [
  z.object({ incidentId: id, field: z.literal("title"), from: z.string(), to: declareIncidentSchema.shape.title }),
  z.object({ incidentId: id, field: z.literal("summary"), from: z.string(), to: declareIncidentSchema.shape.summary }),
  z.object({ incidentId: id, field: z.literal("services"), from: services, to: services }),
]);

export const addNoteSchema = z.object({
  incidentId: id,
  body: z.string().trim().min(1, "Write something first.").max(20_000, "Keep a note under 20,000 characters."),
  occurredAt: pastTime,
});

export const pinEventSchema = z.object({
  eventId: z.coerce.bigint({ error: "Missing event." }).positive(),
  pinned: z.preprocess((v) => v === true || v === "true", z.boolean()),
});

/** Another incident, by number: "INC-12", "#12" or "12". */
const incidentNumber = z.preprocess(
  (v) => (typeof v === "string" ? (parseIncidentRef(v) ?? v) : v),
  z.number({ error: "Enter an incident number, like INC-12." }).int().positive("Enter an incident number, like INC-12."),
);

export const linkIncidentSchema = z.object({ incidentId: id, other: incidentNumber });
export type LinkIncidentInput = z.infer<typeof linkIncidentSchema>;

export const mergeIncidentSchema = z.object({
  incidentId: id,
  /** the duplicate's version the person saw: changed meanwhile, the merge is a conflict */
  version: z.coerce.number({ error: "Missing version." }).int().min(0),
  into: incidentNumber,
});
export type MergeIncidentInput = z.infer<typeof mergeIncidentSchema>;

// startedAt is optional to callers (it defaults to now), not just possibly undefined.
export type DeclareIncidentInput = Omit<z.infer<typeof declareIncidentSchema>, "startedAt"> & { startedAt?: Date };
export type UpdateDetailsInput = z.infer<typeof updateDetailsSchema>;

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());
const listOf = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(s).optional()).catch(undefined);

/** The incident list's filters, from its URL. Bad values are dropped, not fatal. */
export const incidentFilterSchema = z.object({
  q: optional(z.string().trim().max(200)).catch(undefined),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.union([z.enum(["open", "all"]), z.array(status), status]).optional()).catch(undefined),
  severity: listOf(severity),
  service: optional(serviceSlug).catch(undefined),
  commander: optional(z.string().trim().max(64)).catch(undefined),
  from: optional(z.coerce.date()).catch(undefined),
  to: optional(z.coerce.date()).catch(undefined),
  sort: z.enum(["started", "-started", "severity", "number", "-number", "updated"]).default("-started").catch("-started"),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type IncidentFilter = z.infer<typeof incidentFilterSchema>;
