"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { BellOff, BellRing } from "lucide-react";
import { toast } from "sonner";
import { silenceAlertAction, unsilenceAlertAction } from "@/lib/alerts/actions";
import { SILENCE_CHOICES } from "@/lib/alerts/schemas";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

type Silence = { id: string; endsAt: string; reason: string; createdByLabel: string } | null;

const untilText = (iso: string) => `${iso.slice(11, 16)} UTC${iso.slice(0, 10) !== new Date().toISOString().slice(0, 10) ? ` ${iso.slice(5, 10)}` : ""}`;

/** Silence (snooze) one alert for a while, with a reason; or lift its silence. */
export function SilenceControl({ alertId, alertname, silence, canEdit }: { alertId: string; alertname: string; silence: Silence; canEdit: boolean }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState("60");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  if (silence) {
    return (
      <div className="flex flex-col items-start gap-1 text-xs" data-testid="alert-silenced">
        <span className="inline-flex items-center gap-1 font-medium text-warning"><BellOff className="size-3.5" aria-hidden />Silenced until {untilText(silence.endsAt)}</span>
        <span className="max-w-56 text-muted">{silence.createdByLabel}: {silence.reason}</span>
        {canEdit ? (
          <Button size="sm" variant="ghost" className="h-7 px-2" disabled={pending} onClick={() => start(async () => {
            const r = await unsilenceAlertAction({ silenceId: silence.id });
            if (r.ok) toast.success(r.message ?? "Silence lifted."); else toast.error(r.error);
            router.refresh();
          })}>
            <BellRing className="size-3.5" aria-hidden />Lift silence
          </Button>
        ) : null}
      </div>
    );
  }
  if (!canEdit) return null;
  if (!open) {
    return <Button size="sm" variant="secondary" className="h-7 px-2" onClick={() => setOpen(true)} aria-label={`Silence ${alertname}`}><BellOff className="size-3.5" aria-hidden />Silence</Button>;
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await silenceAlertAction({ alertId, minutes, reason });
      if (r.ok) {
        toast.success(r.message ?? "Silenced.");
        setOpen(false);
        setReason("");
        setErrors({});
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        if (!r.fieldErrors) toast.error(r.error);
      }
    });
  }
  return (
    <form onSubmit={submit} className="flex w-64 flex-col gap-2 rounded-md border border-border bg-surface-2 p-2" aria-label={`Silence ${alertname}`}>
      <label htmlFor={`${id}-minutes`} className="text-xs font-medium">For</label>
      <select id={`${id}-minutes`} value={minutes} onChange={(e) => setMinutes(e.target.value)} className={cn(inputClass, "h-8")}>
        {SILENCE_CHOICES.map((c) => <option key={c.minutes} value={c.minutes}>{c.label}</option>)}
      </select>
      {errors.minutes ? <p className="text-xs text-danger">{errors.minutes.join(" ")}</p> : null}
      <label htmlFor={`${id}-reason`} className="text-xs font-medium">Reason</label>
      <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="Known issue, fix deploying" aria-invalid={Boolean(errors.reason)} className={cn(inputClass, "h-8")} autoFocus />
      {errors.reason ? <p className="text-xs text-danger" data-testid="silence-reason-error">{errors.reason.join(" ")}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" className="h-8" disabled={pending}>{pending ? "Silencing…" : "Silence"}</Button>
        <Button size="sm" variant="ghost" className="h-8" onClick={() => { setOpen(false); setErrors({}); }}>Cancel</Button>
      </div>
    </form>
  );
}
