// PostgreSQL refuses two things JavaScript strings can hold: the NUL character (U+0000) in text,
// and half of a UTF-16 surrogate pair (not Unicode at all; it reaches jsonb as "\ud800"). Text
// like that fails on insert with an error no person can act on, so every input is walked once,
// before its schema runs, and refused with a message on the field that holds it. Pure.

export const NUL_MESSAGE = "Remove the invisible NUL character from this text.";
export const SURROGATE_MESSAGE = "This text holds a broken character (half of an emoji or symbol): retype that part.";

export type UnstorableText = { path: (string | number)[]; message: string };

const MAX_DEPTH = 32;

function problem(text: string): string | null {
  if (text.includes("\u0000")) return NUL_MESSAGE;
  if (!text.isWellFormed()) return SURROGATE_MESSAGE;
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Every string in `value` (object keys too, nested objects, arrays, FormData entries and the
 * names of uploaded files) that PostgreSQL would refuse, with its path as zod would name it.
 */
export function findUnstorableText(value: unknown): UnstorableText[] {
  const found: UnstorableText[] = [];
  const visit = (v: unknown, path: (string | number)[], depth: number) => {
    if (typeof v === "string") {
      const message = problem(v);
      if (message) found.push({ path, message });
      return;
    }
    // Deeper than any form goes: zod will refuse the shape anyway, and the walk must end.
    if (depth > MAX_DEPTH) return;
    if (typeof File !== "undefined" && v instanceof File) return visit(v.name, path, depth + 1);
    if (typeof FormData !== "undefined" && v instanceof FormData) {
      for (const [key, entry] of v.entries()) visitEntry(key, entry, path, depth);
      return;
    }
    if (Array.isArray(v)) return v.forEach((item, i) => visit(item, [...path, i], depth + 1));
    if (v instanceof Map) {
      for (const [key, entry] of v) visitEntry(key, entry, path, depth);
      return;
    }
    if (isPlainObject(v)) for (const [key, entry] of Object.entries(v)) visitEntry(key, entry, path, depth);
  };
  const visitEntry = (key: unknown, entry: unknown, path: (string | number)[], depth: number) => {
    const keyProblem = typeof key === "string" ? problem(key) : null;
    const name = typeof key === "string" || typeof key === "number" ? key : String(key);
    if (keyProblem) found.push({ path: [...path, name], message: keyProblem });
    else visit(entry, [...path, name], depth + 1);
  };
  visit(value, [], 0);
  return found;
}

/** The walk's findings as the action client's field errors: "a.b.0" → messages; the root is "form". */
export function unstorableFieldErrors(found: UnstorableText[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { path, message } of found) {
    // A key that is itself the problem is named with U+FFFD in its place: the name must be storable too.
    const key = path.map((p) => String(p).replaceAll("\u0000", "\ufffd").toWellFormed()).join(".") || "form";
    if (!out[key]?.includes(message)) (out[key] ??= []).push(message);
  }
  return out;
}
