import { BookOpen, FileWarning, PackageOpen } from "lucide-react";
import { Time } from "@/components/timeline/time";
import { Card } from "@/components/ui/card";

export type CatalogInfo = { versionId: number | null; loadedAt: string | null; source: string | null; problems: string[]; file: string | null };

/** Where the catalog comes from and when it was loaded: the first question after "why is X missing?". */
export function CatalogLine({ catalog, className = "-mt-4 mb-6" }: { catalog: CatalogInfo; className?: string }) {
  return (
    <p className={`${className} flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted`} data-testid="catalog-line">
      <BookOpen className="size-4" aria-hidden />
      {catalog.file ? (
        <>
          Catalog <code className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-fg">{catalog.file}</code>
        </>
      ) : catalog.source ? (
        <>
          Catalog <code className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-fg">{catalog.source}</code> (
          <code className="font-mono">SITREP_CATALOG</code> is not set, so it cannot be reloaded)
        </>
      ) : (
        <>No catalog file configured (<code className="font-mono">SITREP_CATALOG</code>)</>
      )}
      {catalog.versionId !== null ? <span>· version {catalog.versionId}</span> : null}
      {catalog.loadedAt ? (
        <span>
          · loaded <Time at={catalog.loadedAt} />
        </span>
      ) : null}
    </p>
  );
}

/** The catalog in force has problems (e.g. an invalid file at start): every line, verbatim. */
export function CatalogProblems({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <div role="alert" className="mb-6 rounded-lg border-2 border-danger/60 bg-danger/10 p-4" data-testid="catalog-problems-callout">
      <p className="flex items-center gap-2 font-semibold text-danger">
        <FileWarning className="size-5" aria-hidden />
        The catalog file has {problems.length} problem{problems.length === 1 ? "" : "s"}
      </p>
      <ul className="mt-2 flex list-disc flex-col gap-1 pl-7 font-mono text-sm break-words whitespace-pre-wrap">
        {problems.map((p, i) => <li key={i}>{p}</li>)}
      </ul>
    </div>
  );
}

/** No services: say how to get some. */
export function CatalogEmpty({ file }: { file: string | null }) {
  return (
    <Card className="flex flex-col items-center gap-3 p-10 text-center" data-testid="services-empty">
      <PackageOpen className="size-10 text-muted" aria-hidden />
      <h2 className="text-xl font-semibold">No services in the catalog</h2>
      <p className="max-w-xl text-sm text-muted">
        Sitrep reads its services from one YAML file, the service catalog: each service declares its health check, metric
        panels, dependencies, owners and recovery actions.{" "}
        {file ? (
          <>The catalog <code className="font-mono text-fg">{file}</code> lists none: add services to it, then reload it (admins).</>
        ) : (
          <>
            No catalog is configured: set the <code className="font-mono text-fg">SITREP_CATALOG</code> environment variable to the
            file&apos;s path and restart Sitrep.
          </>
        )}
      </p>
      <p className="text-sm">
        How to write one: section <strong>“Services: catalog, live health and metric panels”</strong> of{" "}
        <code className="font-mono">README.md</code> in the Sitrep folder
        (an example: <code className="font-mono">demo/catalog.yaml</code>).
      </p>
    </Card>
  );
}
