import { Badge, Card } from "@/components/ui/card";
import { SECTION_TYPES, type TemplateSection } from "@/lib/reports/sections";

/** A template's sections as a report writer meets them: title, what prefills it, the guidance. */
export function TemplateSectionsView({ sections }: { sections: TemplateSection[] }) {
  return (
    <ol className="flex flex-col gap-3" data-testid="template-sections-view">
      {sections.map((s, i) => (
        <li key={s.key}>
          <Card className="flex flex-col gap-1.5 p-4" data-testid="template-section-view" data-key={s.key}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-semibold tabular-nums text-muted">{i + 1}.</span>
              <h3 className="font-medium">{s.title}</h3>
              <Badge tone="accent" title={SECTION_TYPES[s.type].description}>{SECTION_TYPES[s.type].label}</Badge>
              <span className="ml-auto font-mono text-xs text-muted">{s.key}</span>
            </div>
            <p className="text-xs text-muted">{SECTION_TYPES[s.type].description}</p>
            {s.guidance ? <p className="text-sm whitespace-pre-wrap">{s.guidance}</p> : <p className="text-sm text-muted">No guidance.</p>}
          </Card>
        </li>
      ))}
    </ol>
  );
}
