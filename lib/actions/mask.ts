// Output and errors of an action may echo a secret it was given (a server that reflects its
// Authorization header, a CLI that prints its config). Everything an executor returns passes here.
export const MASK = "••••";

// The forms a secret takes on the way out: as is, URL-encoded (it may have been put in a URL),
// and JSON-escaped (a server that echoes the request body as JSON)
function variants(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, encodeURIComponent(secret), json])];
}

/** Replaces every occurrence of each secret value with ••••. Empty values are ignored. */
export function maskSecrets(text: string, secretValues: Iterable<string>): string {
  const all = [...new Set([...secretValues].filter((s) => s.length > 0).flatMap(variants))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of all) out = out.split(s).join(MASK);
  return out;
}

/**
 * For output cut at a byte cap: a secret that straddles the cut leaves its beginning at the end of
 * the text, which maskSecrets cannot recognise. Masks such a tail (4 characters or more, or the
 * whole secret's length when shorter).
 */
export function maskCutTail(text: string, secretValues: Iterable<string>): string {
  for (const secret of secretValues) {
    for (let n = secret.length - 1; n >= Math.min(4, secret.length); n--) {
      if (text.endsWith(secret.slice(0, n))) return text.slice(0, text.length - n) + MASK;
    }
  }
  return text;
}
