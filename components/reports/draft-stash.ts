"use client";
import { useSyncExternalStore } from "react";

// What a writer typed and the server has not confirmed, kept in this browser until it has:
// a report published under their fingers, a link followed mid-sentence, a lost connection or a
// closed laptop never loses text. Keyed by report and section; cleared once saved or discarded.

export type Draft = { text: string; base: number; at: string; title: string };
const PREFIX = "sitrep-report-draft:";
const key = (reportId: string, section: string) => `${PREFIX}${reportId}:${section}`;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export function saveDraft(reportId: string, section: string, draft: Draft) {
  try {
    localStorage.setItem(key(reportId, section), JSON.stringify(draft));
  } catch { /* storage full or disabled: the beforeunload guard still stands */ }
  notify();
}

export function clearDraft(reportId: string, section: string) {
  try {
    localStorage.removeItem(key(reportId, section));
  } catch { /* nothing to clear */ }
  notify();
}

export function readDraft(reportId: string, section: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(reportId, section));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

/** Every stashed draft of one report, as [section key, draft]. */
function readDrafts(reportId: string): string {
  const out: [string, Draft][] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(`${PREFIX}${reportId}:`)) out.push([k.slice(PREFIX.length + reportId.length + 1), JSON.parse(localStorage.getItem(k)!) as Draft]);
    }
  } catch { /* unreadable storage: nothing to show */ }
  return JSON.stringify(out);
}

const subscribe = (cb: () => void) => {
  listeners.add(cb);
  window.addEventListener("storage", cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener("storage", cb);
  };
};

export function useDrafts(reportId: string): [string, Draft][] {
  return JSON.parse(useSyncExternalStore(subscribe, () => readDrafts(reportId), () => "[]")) as [string, Draft][];
}

// Sections with text not yet saved, in this tab: the review buttons wait for them.
const unsaved = new Set<string>();
export function markUnsaved(id: string, isUnsaved: boolean) {
  const had = unsaved.has(id);
  if (isUnsaved) unsaved.add(id);
  else unsaved.delete(id);
  if (had !== isUnsaved) notify();
}
export function useUnsavedCount(): number {
  return useSyncExternalStore(subscribe, () => unsaved.size, () => 0);
}
