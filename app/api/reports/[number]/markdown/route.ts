import { getIncidentByRef } from "@/lib/incidents/queries";
import { incidentRef } from "@/lib/incidents/rules";
import { getPublishedRevision, getReportForIncident } from "@/lib/reports/queries";
import { reportToMarkdown } from "@/lib/reports/markdown";
import { jsonError, NO_STORE, userRoute } from "@/lib/route-handler";

// The incident's report as a Markdown download: as it stands now, or ?revision=N exactly as that
// revision was published. Any signed-in user (reports are read by everyone, like incidents).
export const dynamic = "force-dynamic";

export const GET = userRoute("viewer", async (request, { params }: { params: Promise<{ number: string }> }) => {
  const incident = await getIncidentByRef((await params).number);
  if (!incident) return jsonError(404, "That incident does not exist.");
  const raw = new URL(request.url).searchParams.get("revision");
  const revision = raw === null ? null : Number(raw);
  if (revision !== null && !(Number.isInteger(revision) && revision > 0)) return jsonError(400, "The revision is a whole number, like ?revision=1.");
  let text: string | null;
  if (revision !== null) text = (await getPublishedRevision(incident.id, revision))?.markdown ?? null;
  else {
    const report = await getReportForIncident(incident.id);
    text = report ? (report.publishedMarkdown ?? reportToMarkdown(report.doc)) : null;
  }
  if (text === null) return jsonError(404, revision ? `${incidentRef(incident.number)} has no published revision ${revision}.` : `${incidentRef(incident.number)} has no report yet.`);
  const file = `${incidentRef(incident.number)}-report${revision ? `-rev${revision}` : ""}.md`;
  return new Response(text, { headers: { ...NO_STORE, "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
});
