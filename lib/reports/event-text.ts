// One line per report event on the incident timeline. Pure.
const LABEL: Record<string, string> = { draft: "draft", in_review: "in review", published: "published" };

export function reportEventText(d: Record<string, unknown>, actor: string): string {
  switch (d.event) {
    case "report.create": return `${actor} started the post-incident report (${String(d.template ?? "template")})`;
    case "report.status":
      if (d.to === "published") return `${actor} published the report (revision ${String(d.revision)})`;
      return `${actor} moved the report to ${LABEL[String(d.to)] ?? String(d.to)}`;
    case "report.revision": return `${actor} started revision ${String(d.revision)} of the report`;
    default: return `${actor}: ${String(d.event)}`;
  }
}
