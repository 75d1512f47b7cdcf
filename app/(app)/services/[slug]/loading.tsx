import { Card } from "@/components/ui/card";

export default function ServiceLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the service">
      <div className="mb-6 flex flex-col gap-3">
        <div className="h-4 w-24 animate-pulse rounded bg-surface-2" />
        <div className="h-9 w-72 animate-pulse rounded bg-surface-2" />
        <div className="h-12 animate-pulse rounded bg-surface-2" />
      </div>
      <div className="mb-6 grid gap-5 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card className="h-72 animate-pulse" />
        <Card className="h-72 animate-pulse" />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {[0, 1, 2, 3].map((i) => <Card key={i} className="h-72 animate-pulse" />)}
      </div>
    </div>
  );
}
