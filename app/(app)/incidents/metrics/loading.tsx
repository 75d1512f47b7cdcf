import { Card, PageHeader } from "@/components/ui/card";

export default function MetricsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading metrics">
      <PageHeader title="MTTx metrics" />
      <div className="mb-6 grid gap-4 md:grid-cols-3">
        {[0, 1, 2].map((i) => <Card key={i} className="h-32 animate-pulse" />)}
      </div>
      <div className="grid gap-4 xl:grid-cols-3">
        {[0, 1, 2].map((i) => <Card key={i} className="h-72 animate-pulse" />)}
      </div>
    </div>
  );
}
