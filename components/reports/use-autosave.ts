"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { saveReportSectionAction } from "@/lib/reports/actions";

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
 */
export function useSectionAutosave(reportId: string, sectionKey: string, server: ServerSection) {
  const router = useRouter();
  const [text, setText] = useState(server.content);
  const [base, setBase] = useState(server.version);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: server.updatedAt, by: server.updatedByLabel });
  // The async save reads these: state would be stale inside it.
  const live = useRef({ text, base, saving: false });
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
    const content = l.text;
    setState({ kind: "saving" });
    try {
      const r = await saveReportSectionAction({ reportId, key: sectionKey, content, baseVersion: l.base });
      if (r.ok) {
        l.base = r.data.version;
        setBase(r.data.version);
        if (l.text === content) setState({ kind: "saved", at: r.data.updatedAt, by: r.data.updatedByLabel });
        else schedule();
      } else {
        setState({ kind: r.code === "CONFLICT" ? "conflict" : "error", message: r.fieldErrors?.content?.join(" ") ?? r.error });
        // Load the other person's version, for "Load theirs" and the side-by-side.
        if (r.code === "CONFLICT") router.refresh();
      }
    } catch {
      setState({ kind: "error", message: "Could not reach Sitrep. Your text is kept here: press Save now to retry." });
    } finally {
      l.saving = false;
    }
  }

  function schedule() {
    clearTimeout(timer.current);
    setState({ kind: "dirty" });
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  }

  const change = (value: string) => {
    live.current.text = value;
    setText(value);
    // After a conflict nothing saves by itself: the writer chooses what to keep.
    if (state.kind === "conflict") return clearTimeout(timer.current);
    schedule();
  };

  /** Conflict resolution: take the other person's text, or save ours over it on purpose. */
  const takeTheirs = () => {
    live.current = { ...live.current, text: server.content, base: server.version };
    setText(server.content);
    setBase(server.version);
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

  // Unsaved text must not vanish with the tab.
  const unsaved = state.kind !== "saved";
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // After a conflict the page reloads the other person's version: until it is here, wait.
  return { text, state, change, saveNow, takeTheirs, keepMine, theirs: server, theirsReady: server.version > base };
}
