"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { addChecklistAction } from "@/lib/followups/actions";
import type { IncidentFollowups } from "@/lib/followups/queries";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";

/** Adds a checklist template that is not on the incident yet. */
export function AddChecklist({ incidentId, templates }: { incidentId: string; templates: IncidentFollowups["templates"] }) {
  const router = useRouter();
  const [templateId, setTemplateId] = useState("");
  const [pending, start] = useTransition();
  if (!templates.length) return null;
  function add(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await addChecklistAction({ incidentId, templateId });
      if (r.ok) {
        toast.success(r.message ?? "Checklist added.");
        setTemplateId("");
      } else toast.error(r.fieldErrors?.templateId?.join(" ") ?? r.error);
      router.refresh();
    });
  }
  return (
    <form onSubmit={add} className="flex flex-wrap items-end gap-2" aria-label="Add a checklist">
      <div className="flex flex-col gap-1">
        <label htmlFor="add-checklist-template" className="text-xs font-medium text-muted">Add checklist</label>
        <select id="add-checklist-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)} className={cn(inputClass, "h-9 w-72")}>
          <option value="">Choose a template…</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>{t.name} ({t.items} items){t.isDefault ? " · default" : ""}</option>
          ))}
        </select>
      </div>
      <Button type="submit" size="sm" variant="secondary" className="h-9" disabled={!templateId || pending}>{pending ? "Adding…" : "Add"}</Button>
    </form>
  );
}
