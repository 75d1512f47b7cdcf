import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    // A bare date-time (from <input type="datetime-local">) is read as UTC, as the page says.
    const d = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "is not a date and time" });
      return z.NEVER;
    }
    return d;
  });

/** The Audit page's filters, from its URL. */
export const auditFilterSchema = z.object({
  actor: optionalText,
  verb: optionalText,
  target: optionalText,
  from: optionalDate,
  to: optionalDate,
  before: z.coerce.bigint().positive().optional().catch(undefined),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
