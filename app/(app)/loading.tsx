export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="flex flex-col gap-4">
      <div className="h-8 w-56 animate-pulse rounded bg-surface-2" />
      <div className="h-40 animate-pulse rounded-lg bg-surface-2" />
    </div>
  );
}
