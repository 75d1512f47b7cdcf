import { NO_STORE, jsonError, userRoute } from "@/lib/route-handler";
import { listReports } from "@/lib/reports/list-queries";
import { filterError, paramsRecord, strictReportFilterSchema } from "@/lib/reports/list-schemas";

// The reports list as JSON, with the page's filters (any signed-in user). Unlike the page, a bad
// filter is an error here: a script should hear that its query is wrong, not get everything.
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request) => {
  const parsed = strictReportFilterSchema.safeParse(paramsRecord(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError(400, filterError(parsed.error));
  return Response.json(await listReports(parsed.data), { headers: NO_STORE });
});
