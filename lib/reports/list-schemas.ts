import { z } from "zod";
import { SEVERITIES } from "@/lib/incidents/rules";
import { serviceSlug } from "@/lib/incidents/schemas";
import { REPORT_STATUSES, type ReportStatus } from "@/lib/reports/schemas";

export { REPORT_STATUSES, type ReportStatus };

const DAY_MS = 86_400_000;
const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/;

const blank = (v: unknown) => (v === "" ? undefined : v);
const list = (v: unknown) => (typeof v === "string" ? v.split(",").filter(Boolean) : v);

/** A date from the URL; a bare "to" day means through the end of that UTC day. */
const day = (end: boolean) =>
  z.preprocess(blank, z.string().trim().max(40).optional()).transform((v, ctx) => {
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a date: use YYYY-MM-DD.` });
      return z.NEVER;
    }
    return end && BARE_DAY.test(v) ? new Date(d.getTime() + DAY_MS - 1) : d;
  });

/**
 * The reports list's filters. Built twice: lenient for the page (each bad value falls back on its
 * own, so a mangled shared link still renders) and strict for GET /api/reports (a bad value is a 400).
 */
function reportFilterShape(lenient: boolean) {
  const soft = <T extends z.ZodType>(s: T, fallback: z.output<T>) => (lenient ? s.catch(fallback) : s);
  return z.object({
    q: soft(z.preprocess(blank, z.string().trim().max(200, "Keep the search under 200 characters.").optional()), undefined),
    status: soft(z.preprocess(blank, z.enum([...REPORT_STATUSES, "all"], { error: "Status is draft, in_review, published or all." }).default("all")), "all"),
    severity: soft(z.preprocess(list, z.array(z.enum(SEVERITIES, { error: "Severities are P1 to P4." })).max(4).optional()), undefined),
    service: soft(z.preprocess(blank, serviceSlug.optional()), undefined),
    template: soft(z.preprocess(blank, z.string().trim().max(64, "Unknown template.").optional()), undefined),
    from: soft(day(false), undefined),
    to: soft(day(true), undefined),
    page: soft(z.coerce.number({ error: "Page is a number." }).int().min(1).max(10_000).default(1), 1),
  });
}

export const reportFilterSchema = reportFilterShape(true);
export const strictReportFilterSchema = reportFilterShape(false);
export type ReportFilter = z.infer<typeof reportFilterSchema>;

/** URL search params (repeated keys become lists) as the plain record the schemas read. */
export function paramsRecord(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** The first issue of a failed strict parse, as one sentence naming the parameter. */
export function filterError(error: z.ZodError): string {
  const issue = error.issues[0];
  const key = issue?.path[0];
  return key === undefined ? "Bad filter." : `Bad "${String(key)}" filter: ${issue.message}`;
}
