import { bucketTitle } from "@/components/reports/templates/labels";
import { Card } from "@/components/ui/card";
import { BUCKET_NAMES } from "@/lib/reports/buckets";
import type { ChecklistTemplateItem } from "@/lib/reports/template-queries";

/** The items as an incident gets them, bucket by bucket. */
export function ChecklistTemplateView({ items }: { items: ChecklistTemplateItem[] }) {
  return (
    <div className="flex flex-col gap-3">
      {BUCKET_NAMES.map((b) => {
        const inBucket = items.filter((i) => i.bucket === b);
        return (
          <Card key={b} className="p-4" data-testid="checklist-bucket" data-bucket={b}>
            <h2 className="mb-2 font-medium">{bucketTitle(b)} <span className="text-sm font-normal text-muted">after resolution</span></h2>
            {inBucket.length ? (
              <ul className="list-disc pl-5 text-sm">{inBucket.map((i, n) => <li key={n} data-testid="checklist-item-view">{i.text}</li>)}</ul>
            ) : <p className="text-sm text-muted">No items in this bucket.</p>}
          </Card>
        );
      })}
    </div>
  );
}
