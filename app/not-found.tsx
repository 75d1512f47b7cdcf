import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="max-w-md text-sm text-muted">The page or record does not exist, or it was removed.</p>
      <Link href="/" className="text-sm text-accent hover:underline">Back to the war room</Link>
    </main>
  );
}
