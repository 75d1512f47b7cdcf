"use client";
import { useState } from "react";
import { Pencil } from "lucide-react";
import { ConflictNotice } from "@/components/incidents/conflict-notice";
import { useIncidentMutation } from "@/components/incidents/use-incident-mutation";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { renameReportAction } from "@/lib/reports/actions";

export function ReportTitle({ reportId, title, version, canEdit }: { reportId: string; title: string; version: number; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  // The version the rename started from: a live refresh must not move it under the writer.
  const [from, setFrom] = useState(version);
  const { run, pending, conflict, fieldErrors, dismiss } = useIncidentMutation();
  if (!editing) {
    return (
      <div className="flex items-start gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {canEdit ? (
          <button type="button" className="mt-1.5 text-muted hover:text-fg print:hidden" aria-label="Rename the report" onClick={() => { setValue(title); setFrom(version); setEditing(true); }}>
            <Pencil className="size-4" aria-hidden />
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form className="flex flex-col gap-1" onSubmit={(e) => { e.preventDefault(); run(() => renameReportAction({ reportId, title: value, version: from }), () => setEditing(false)); }}>
      <label htmlFor="report-title" className="text-sm font-medium">Report title</label>
      <div className="flex flex-wrap gap-2">
        <input id="report-title" className={`${inputClass} min-w-96 flex-1`} value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        <Button type="submit" disabled={pending}>Save</Button>
        <Button variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>
      </div>
      {fieldErrors.title ? <p className="text-sm text-danger">{fieldErrors.title.join(" ")}</p> : null}
      <ConflictNotice message={conflict} onDismiss={dismiss} />
    </form>
  );
}
