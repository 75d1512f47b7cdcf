"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { saveReportSectionAction } from "@/lib/reports/actions";
import { utcTime } from "@/lib/reports/prefill";
import { clearDraft, markUnsaved, readDraft, saveDraft } from "@/components/reports/draft-stash";

export const AUTOSAVE_MS = 1_200;

export type SaveState =
  | { kind: "saved"; at: string | null; by: string | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "conflict"; message: string }
  | { kind: "error"; message: string };

export type ServerSection = { content: string; version: number; updatedAt: string; updatedByLabel: string | null };

/**
 * One section's text, saved a moment after the typing stops. One save at a time; text typed
 * during a save is saved right after. The server's newer text is taken only while nothing
 * local is unsaved: someone else's edit appears live, and never overwrites what you typed.
 * Until the server confirms it, the text is also kept in this browser (draft-stash.ts).
 */
export function useSectionAutosave(reportId: string, section: { key: string; title: string }, server: ServerSection) {
  const router = useRouter();
  const [text, setText] = useState(server.content);
  const [base, setBase] = useState(server.version);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: server.updatedAt, by: server.updatedByLabel });
  // The async save reads these: state would be stale inside it.
  const live = useRef({ text, base, saving: false, pending: false });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Someone else's save arrived (live refresh): adopt it when nothing here is unsaved.
  const [seen, setSeen] = useState(server.version);
  if (server.version !== seen) {
    setSeen(server.version);
    if (server.version > base && state.kind === "saved") {
      setText(server.content);
      setBase(server.version);
      setState({ kind: "saved", at: server.updatedAt, by: server.updatedByLabel });
    }
  }
  useEffect(() => {
    live.current.text = text;
    live.current.base = base;
  }, [text, base]);

  async function save(): Promise<void> {
    const l = live.current;
    if (l.saving) return;
    l.saving = true;
    l.pending = false;
    const content = l.text;
    setState({ kind: "saving" });
    try {
      const r = await saveReportSectionAction({ reportId, key: section.key, content, baseVersion: l.base });
      if (r.ok) {
        l.base = r.data.version;
        setBase(r.data.version);
        if (l.text === content) {
          clearDraft(reportId, section.key);
          setState({ kind: "saved", at: r.data.updatedAt, by: r.data.updatedByLabel });
        } else schedule();
      } else {
        setState({ kind: r.code === "CONFLICT" ? "conflict" : "error", message: r.fieldErrors?.content?.join(" ") ?? r.error });
        // Load the other person's version, for "Load theirs" and the side-by-side.
        if (r.code === "CONFLICT") router.refresh();
      }
    } catch {
      setState({ kind: "error", message: "Could not reach Sitrep. Your text is kept in this browser: press Save now to retry." });
    } finally {
      l.saving = false;
    }
  }

  function schedule() {
    clearTimeout(timer.current);
    live.current.pending = true;
    setState({ kind: "dirty" });
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  const stash = (value: string, from: number) => saveDraft(reportId, section.key, { text: value, base: from, at: new Date().toISOString(), title: section.title });

  const change = (value: string) => {
    live.current.text = value;
    setText(value);
    stash(value, live.current.base);
    // After a conflict nothing saves by itself: the writer chooses what to keep.
    if (state.kind === "conflict") return clearTimeout(timer.current);
    schedule();
  };

  // Text typed here earlier and never saved (the tab closed, the network dropped): bring it back.
  useEffect(() => {
    const draft = readDraft(reportId, section.key);
    if (!draft || draft.text === server.content) return void (draft && clearDraft(reportId, section.key));
    live.current = { ...live.current, text: draft.text, base: draft.base };
    // Browser storage exists only after hydration: a one-time restore on mount is what effects are for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setText(draft.text);
    setBase(draft.base);
    if (draft.base === server.version) schedule();
    else setState({ kind: "conflict", message: `Your unsaved text from ${utcTime(new Date(draft.at))} UTC is back in the editor, but ${server.updatedByLabel ?? "someone"} saved this section since. Keep one of the two.` });
    // Once, on mount: later server versions are handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Conflict resolution: take the other person's text, or save ours over it on purpose. */
  const takeTheirs = () => {
    live.current = { ...live.current, text: server.content, base: server.version };
    setText(server.content);
    setBase(server.version);
    clearDraft(reportId, section.key);
    setState({ kind: "saved", at: server.updatedAt, by: server.updatedByLabel });
  };
  const keepMine = () => {
    live.current.base = server.version;
    setBase(server.version);
    void save();
  };
  const saveNow = () => {
    clearTimeout(timer.current);
    void save();
  };

  // Unsaved text holds the review buttons (draft-stash.ts) and asks before the tab closes.
  const unsaved = state.kind !== "saved";
  useEffect(() => {
    const id = `${reportId}:${section.key}`;
    markUnsaved(id, unsaved);
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      markUnsaved(id, false);
    };
  }, [unsaved, reportId, section.key]);
  // Leaving the page mid-sentence: send what is pending now rather than drop it.
  useEffect(() => () => {
    clearTimeout(timer.current);
    if (live.current.pending) void save();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // After a conflict the page reloads the other person's version: until it is here, wait.
  return { text, state, change, saveNow, takeTheirs, keepMine, theirs: server, theirsReady: server.version > base };
}
