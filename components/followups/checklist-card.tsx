"use client";
import { useOptimistic, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Check } from "lucide-react";
import { setChecklistItemAction } from "@/lib/followups/actions";
import type { BucketView, ChecklistItemView, ChecklistView } from "@/lib/followups/queries";
import { DueLabel, useOverdue } from "@/components/followups/due-label";
import { formatUtc } from "@/components/timeline/time-format";
import { cn } from "@/lib/cn";

function Item({ item, bucket, canEdit }: { item: ChecklistItemView; bucket: BucketView; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  // The box follows the click at once; the refresh after the action brings the server's truth.
  const [shown, setShown] = useOptimistic(Boolean(item.checkedAt));
  const { overdue } = useOverdue(bucket.dueAt, !item.checkedAt, item.overdue);
  const id = `check-${item.id}`;
  function toggle(checked: boolean) {
    start(async () => {
      setShown(checked);
      const r = await setChecklistItemAction({ itemId: item.id, checked });
      if (r.ok && r.data.changed) toast.success(r.message ?? "Saved.");
      else if (r.ok) toast.info(r.message ?? "Nothing to change.");
      else toast.error(r.error);
      router.refresh();
    });
  }
  return (
    <li
      className={cn("flex items-start gap-3 rounded-md px-2 py-1.5", overdue && "border-l-4 border-danger bg-danger/10")}
      data-testid="checklist-item" data-checked={Boolean(item.checkedAt)} data-overdue={overdue}
    >
      {canEdit ? (
        <input id={id} type="checkbox" className="mt-0.5 size-4 accent-accent" checked={shown} disabled={pending} onChange={(e) => toggle(e.target.checked)} />
      ) : (
        <span className={cn("mt-0.5 flex size-4 shrink-0 items-center justify-center rounded border border-border", item.checkedAt && "bg-ok text-bg")} role="img" aria-label={item.checkedAt ? "Checked" : "Not checked"}>
          {item.checkedAt ? <Check className="size-3" aria-hidden /> : null}
        </span>
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        <label htmlFor={canEdit ? id : undefined} className={cn("text-sm", item.checkedAt && "text-muted line-through")}>{item.text}</label>
        {item.checkedAt ? (
          <span className="text-xs text-muted" data-testid="checked-by">{item.checkedByLabel ?? "someone"} · {formatUtc(item.checkedAt)}</span>
        ) : overdue ? (
          <span className="text-xs font-semibold text-danger">Overdue</span>
        ) : null}
      </div>
    </li>
  );
}

/** One checklist, its items grouped by when they are due after resolution. */
export function ChecklistCard({ checklist, canEdit }: { checklist: ChecklistView; canEdit: boolean }) {
  const all = checklist.buckets.flatMap((b) => b.items);
  const done = all.filter((i) => i.checkedAt).length;
  return (
    <section className="flex flex-col gap-3" data-testid="checklist" data-name={checklist.name}>
      <header className="flex flex-wrap items-baseline gap-2">
        <h3 className="font-semibold">{checklist.name}</h3>
        <span className="text-xs text-muted tabular-nums">{done}/{all.length} done · added by {checklist.createdByLabel}</span>
      </header>
      <div className="grid gap-3 md:grid-cols-3">
        {checklist.buckets.map((b) => (
          <div key={b.bucket} className="flex flex-col gap-1 rounded-md border border-border p-2" data-testid="checklist-bucket" data-bucket={b.bucket}>
            <div className="flex flex-col px-2">
              <span className="text-xs font-bold uppercase tracking-wider text-muted">{b.label} <span className="font-normal normal-case">({b.range})</span></span>
              <DueLabel dueAt={b.dueAt} active={b.items.some((i) => !i.checkedAt)} serverOverdue={b.items.some((i) => i.overdue)} pendingText="Due once resolved" />
            </div>
            <ul className="flex flex-col gap-0.5">
              {b.items.map((i) => <Item key={i.id} item={i} bucket={b} canEdit={canEdit} />)}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
