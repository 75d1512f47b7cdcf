/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** The candidate a typo most likely meant: a prefix match, or within a third of its length in edits. */
export function closest(input: string, candidates: string[]): string | null {
  const prefixed = candidates.filter((c) => c.startsWith(input) || input.startsWith(c));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(input, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}
