// A GFM table as headers and rows. Runbooks often put `cmd | grep x` in a cell without escaping
// the pipe, which GFM reads as extra cells: those are joined back into the last column.
import type { Table, TableCell } from "mdast";
import { fencedCommand, inlineCommand, looksLikeCommand } from "./commands";
import { blockText, endOf, parseMarkdown, startOf, walk } from "./markdown";
import type { ParsedCommand } from "./types";

export type TableParts = { headers: string[]; rows: string[][]; commands: ParsedCommand[] };

export function tableOf(text: string, table: Table): TableParts {
  const [head, ...body] = table.children;
  const width = head?.children.length ?? 0;
  const headers = head ? head.children.map(cellText) : [];
  const commands: ParsedCommand[] = [];
  const rows = body.map((row) => {
    const cells: TableCell[] = width > 0 && row.children.length > width ? mergeOverflow(text, row.children, width) : row.children;
    for (const cell of cells) commandsIn(cell, commands);
    const values = cells.map(cellText);
    while (values.length < width) values.push("");
    return values;
  });
  return { headers, rows, commands };
}

const cellText = (cell: TableCell) => blockText(cell).trim();

function commandsIn(cell: TableCell, into: ParsedCommand[]): void {
  walk(cell, (n) => {
    if (n.type === "inlineCode" && looksLikeCommand(n.value)) into.push(inlineCommand(n));
    if (n.type === "code") into.push(fencedCommand(n));
  });
}

/** Reads the source of the last column and its overflow again as one cell. */
function mergeOverflow(text: string, cells: TableCell[], width: number): TableCell[] {
  const last = cells[width - 1];
  const start = startOf(last);
  let raw = text.slice(start, endOf(cells[cells.length - 1])).trim();
  if (raw.startsWith("|")) raw = raw.slice(1);
  if (raw.endsWith("|") && !raw.endsWith("\\|")) raw = raw.slice(0, -1);
  const reread = parseMarkdown(raw.trim()).children[0];
  const children = reread?.type === "paragraph" ? reread.children : [{ type: "text" as const, value: raw.trim() }];
  return [...cells.slice(0, width - 1), { type: "tableCell", children, position: last.position }];
}
