import { Construction } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";

/** A page whose feature has not landed yet: says what will live here, so nobody hunts for it. */
export function Placeholder({ title, description, coming }: { title: string; description: string; coming: string[] }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card className="flex gap-4 p-6" data-testid="placeholder">
        <Construction className="size-6 shrink-0 text-warning" aria-hidden />
        <div>
          <p className="font-medium">Not built yet. This page will hold:</p>
          <ul className="mt-2 list-disc pl-5 text-sm text-muted">
            {coming.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      </Card>
    </>
  );
}
