/** The war room's "?incident=42" (or "INC-42") → 42; anything else → null, the default selection. */
export function parseSelected(raw: string | string[] | null | undefined): number | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  const m = v ? /^(?:inc-)?(\d{1,9})$/i.exec(v.trim()) : null;
  return m ? Number(m[1]) : null;
}
