import Link from "next/link";
import { hrefWith, type SearchParams } from "@/components/incidents/list-params";
import { cn } from "@/lib/cn";

const link = "inline-flex h-9 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-2";

type Props = { params: SearchParams; page: number; pageSize: number; total: number; path?: string; noun?: string };

/** Previous/next links that keep the list's filters; `path` and `noun` let other lists (reports) use it. */
export function Pagination({ params, page, pageSize, total, path = "/incidents", noun = "incident" }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total ? (page - 1) * pageSize + 1 : 0;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-4 text-sm">
      <p className="text-muted" data-testid={`${noun}-count`}>
        {total ? `${from}–${to} of ${total.toLocaleString("en")} ${noun}${total === 1 ? "" : "s"}` : `0 ${noun}s`}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? <Link className={link} href={hrefWith(params, { page: String(page - 1) }, path)} rel="prev">Previous</Link> : null}
        <span className="px-2 text-muted">Page {Math.min(page, pages)} of {pages}</span>
        {page < pages ? <Link className={cn(link)} href={hrefWith(params, { page: String(page + 1) }, path)} rel="next">Next</Link> : null}
      </div>
    </nav>
  );
}
