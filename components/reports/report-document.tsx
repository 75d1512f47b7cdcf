import { MarkdownBody } from "@/components/timeline/markdown";
import type { ReportDoc } from "@/lib/reports/markdown";

/**
 * The report as a reader sees it, rendered from the same document the Markdown export
 * downloads: section by section, so an export rendered again looks exactly like this.
 */
export function ReportDocument({ doc }: { doc: ReportDoc }) {
  return (
    <article className="report-document flex flex-col gap-6" data-testid="report-document">
      {doc.sections.map((s) => (
        <section key={s.key} data-section={s.key} className="flex flex-col gap-1">
          <h2 className="text-lg font-semibold">{s.title}</h2>
          {s.body ? <MarkdownBody source={s.body} className="text-[15px]" /> : null}
        </section>
      ))}
    </article>
  );
}
