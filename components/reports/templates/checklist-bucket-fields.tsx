"use client";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { bucketTitle } from "@/components/reports/templates/labels";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { BUCKET_NAMES, BUCKETS, type Bucket } from "@/lib/reports/buckets";

export type ItemDraft = { id: string; bucket: Bucket; text: string };

type Props = {
  bucket: Bucket;
  items: ItemDraft[];
  idPrefix: string;
  errors: Record<string, Record<string, string[]>>;
  canRemove: boolean;
  onText(id: string, text: string): void;
  onMove(id: string, by: -1 | 1): void;
  onBucket(id: string, bucket: Bucket): void;
  onRemove(id: string): void;
  onAdd(): void;
};

/** One time bucket's items: edit, reorder within it, move to another bucket, remove, add. */
export function ChecklistBucketFields({ bucket, items, idPrefix, errors, canRemove, onText, onMove, onBucket, onRemove, onAdd }: Props) {
  return (
    <Card className="flex flex-col gap-2 p-4" data-testid="checklist-bucket" data-bucket={bucket} aria-labelledby={`${idPrefix}-${bucket}`}>
      <h2 id={`${idPrefix}-${bucket}`} className="font-medium">
        {bucketTitle(bucket)} <span className="text-sm font-normal text-muted">after resolution · {items.length} item{items.length === 1 ? "" : "s"}</span>
      </h2>
      {items.length ? null : <p className="text-sm text-muted">No items in this bucket.</p>}
      <ol className="flex flex-col gap-2">
        {items.map((item, i) => {
          const e = errors[item.id] ?? {};
          const label = item.text.trim() || `item ${i + 1}`;
          const message = [...(e.text ?? []), ...(e.bucket ?? [])];
          return (
            <li key={item.id} className="flex flex-col gap-1" data-testid="checklist-item">
              <div className="flex flex-wrap items-center gap-1.5">
                <input id={`${idPrefix}-${item.id}`} value={item.text} maxLength={300} aria-label={`Item ${i + 1} of ${BUCKETS[bucket].label}`}
                  aria-invalid={message.length ? true : undefined} aria-describedby={message.length ? `${idPrefix}-${item.id}-error` : undefined} className={cn(inputClass, "w-auto min-w-0 flex-1 basis-64")} onChange={(ev) => onText(item.id, ev.target.value)} />
                <select aria-label={`Bucket of ${label}`} value={bucket} className={cn(inputClass, "w-52 shrink-0")} onChange={(ev) => onBucket(item.id, ev.target.value as Bucket)}>
                  {BUCKET_NAMES.map((b) => <option key={b} value={b}>{bucketTitle(b)}</option>)}
                </select>
                <Button size="sm" variant="ghost" aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => onMove(item.id, -1)}><ArrowUp className="size-4" aria-hidden /></Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${label} down`} disabled={i === items.length - 1} onClick={() => onMove(item.id, 1)}><ArrowDown className="size-4" aria-hidden /></Button>
                <Button size="sm" variant="ghost" aria-label={`Remove ${label}`} disabled={!canRemove} onClick={() => onRemove(item.id)}><Trash2 className="size-4" aria-hidden /></Button>
              </div>
              {message.length ? <p id={`${idPrefix}-${item.id}-error`} className="text-sm text-danger">{message.join(" ")}</p> : null}
            </li>
          );
        })}
      </ol>
      <div><Button size="sm" variant="secondary" onClick={onAdd}><Plus className="size-4" aria-hidden /> Add item</Button></div>
    </Card>
  );
}
