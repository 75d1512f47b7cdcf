import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-medium text-danger">403</p>
      <h1 className="text-2xl font-semibold" data-testid="forbidden">Your role cannot open this page</h1>
      <p className="max-w-md text-sm text-muted">Ask a Sitrep admin if you need access.</p>
      <Link href="/" className="text-sm text-accent hover:underline">Back to the war room</Link>
    </main>
  );
}
