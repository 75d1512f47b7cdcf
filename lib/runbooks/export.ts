// Runbooks back to Markdown. Each runbook keeps the verbatim source slice it was parsed from,
// and the slices of one document cover it end to end, so export is concatenation: a document
// exported and imported again is byte for byte the one that was imported.

export type HasMarkdown = { markdown: string };

/** One runbook's Markdown, exactly as imported or last edited. */
export function exportRunbook(runbook: HasMarkdown): string {
  return runbook.markdown;
}

/** Several runbooks of one document, in document order, as that document. */
export function exportRunbooks(runbooks: readonly HasMarkdown[]): string {
  return runbooks.map(exportRunbook).join("");
}
