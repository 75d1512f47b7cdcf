import { ShieldCheck } from "lucide-react";

/** Nothing open: said big and calm, so nobody squints at an empty board wondering. */
export function AllClear() {
  return (
    <div className="flex flex-col items-center gap-4 rounded-2xl border-2 border-ok/40 bg-ok/5 px-8 py-20 text-center" data-testid="all-clear">
      <ShieldCheck className="size-20 text-ok" aria-hidden />
      <p className="text-5xl font-bold tracking-tight text-ok">All clear — no open incidents</p>
      <p className="text-xl text-muted">New incidents appear here the moment they are declared.</p>
    </div>
  );
}
