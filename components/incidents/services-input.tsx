"use client";
import { useId, useState } from "react";
import { useServiceList } from "@/components/services/use-services";
import { inputClass } from "@/components/ui/field";
import { editDistance } from "@/lib/services/closest";

const split = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * A comma-separated list of service slugs, with the catalog's services offered as you type: the
 * word being typed filters them, a click (or Enter on one) completes it. Free text still works, so
 * the server's "did you mean" answers anything mistyped. The offers float over the form, so
 * opening and closing them never moves the buttons under the pointer.
 */
export function ServicesInput({ id, name, value, onChange, invalid, describedBy, label, autoFocus }: {
  id: string; name?: string; value: string; onChange: (v: string) => void; invalid?: boolean; describedBy?: string; label?: string; autoFocus?: boolean;
}) {
  const { data: services = [] } = useServiceList();
  const [focused, setFocused] = useState(false);
  const listId = useId();
  const chosen = new Set(split(value));
  const word = /[\s,]$/.test(value) || !value ? "" : (split(value).at(-1) ?? "").toLowerCase();
  const offers = services
    .filter((s) => !chosen.has(s.slug) || s.slug === word)
    .filter((s) => !word || s.slug.includes(word) || s.name.toLowerCase().includes(word) || editDistance(word, s.slug) <= Math.max(2, word.length / 3))
    .slice(0, 8);

  function pick(slug: string) {
    const words = split(value);
    if (word) words.pop();
    onChange([...words, slug].join(", ") + ", ");
    document.getElementById(id)?.focus();
  }

  return (
    <div
      className="relative"
      onFocus={() => setFocused(true)}
      onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false); }}
    >
      <input
        id={id} name={name} value={value} autoComplete="off" autoFocus={autoFocus} aria-label={label} placeholder="beacon-runner, nats"
        onChange={(e) => onChange(e.target.value)}
        className={inputClass} aria-invalid={invalid || undefined} aria-describedby={describedBy} aria-controls={listId}
      />
      {focused && offers.length ? (
        <ul id={listId} aria-label="Services in the catalog" className="absolute top-full right-0 left-0 z-20 mt-1 flex flex-wrap gap-1.5 rounded-md border border-border bg-surface p-1.5 shadow-lg">
          {offers.map((s) => (
            <li key={s.slug}>
              <button
                type="button" onClick={() => pick(s.slug)}
                className="rounded border border-border bg-surface-2 px-2 py-0.5 text-xs hover:border-accent focus:border-accent focus:outline-none"
                title={s.name}
              >
                <span className="font-mono">{s.slug}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
