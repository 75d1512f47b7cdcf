// What PostgreSQL refuses to store: a NUL character in text (`invalid byte sequence for encoding
// "UTF8": 0x00`), `\u0000` in jsonb, and lone UTF-16 surrogates (not UTF-8 at all). A target's
// output, headers and error texts may contain any of them; one such byte must never cost a run
// its recorded end. NUL becomes the visible text `\u0000`; a lone surrogate becomes U+FFFD.
// The digest is computed over the raw bytes, so it still proves what the target sent.

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` as PostgreSQL will store it. */
export function storableText(text: string): string {
  return text.replace(NUL, "\\u0000").replace(LONE_SURROGATE, "\uFFFD");
}

/** A JSON value (audit details, timeline data, health snapshots) with every string and key made storable. */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)])) as T;
  }
  return value;
}
