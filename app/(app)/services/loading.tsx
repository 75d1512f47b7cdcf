import { Card, PageHeader } from "@/components/ui/card";

export default function ServicesLoading() {
  return (
    <div aria-busy="true" aria-label="Loading services">
      <PageHeader title="Services" description="Live health of every service in the catalog, worst first." />
      <div className="-mt-4 mb-6 h-5 w-80 animate-pulse rounded bg-surface-2" />
      <Card className="mb-8 flex flex-col gap-3 p-4">
        {Array.from({ length: 6 }, (_, i) => <div key={i} className="h-9 animate-pulse rounded bg-surface-2" />)}
      </Card>
      <Card className="h-56 animate-pulse" />
    </div>
  );
}
