import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** A plain GET form: the new-template page reloads with the chosen template's sections copied in. */
export function StartFromForm({ templates, current }: { templates: { slug: string; name: string }[]; current: string | null }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Start from">
      <label className="flex min-w-64 flex-col gap-1 text-sm font-medium">
        Start from
        <select name="copy" defaultValue={current ?? ""} className={inputClass}>
          <option value="">One Summary section</option>
          {templates.map((t) => <option key={t.slug} value={t.slug}>A copy of {t.name}</option>)}
        </select>
      </label>
      <Button type="submit" variant="secondary">Start over from it</Button>
    </form>
  );
}
