// The mdast and the source it came from. Every structural decision in the importer is made on
// this tree; the source is only sliced, never searched line by line.
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import type { Nodes, PhrasingContent, Root, RootContent } from "mdast";

/**
 * GFM's tables, task lists and strikethrough: what runbooks use. Not its autolink literals and
 * footnotes, which cost a third of the parse (micromark scans every text for URLs) and change
 * no text: a bare URL stays text, and slices are verbatim either way.
 */
function remarkRunbookGfm(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkRunbookGfm);

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

export const startOf = (n: Nodes): number => n.position?.start.offset ?? 0;
export const endOf = (n: Nodes): number => n.position?.end.offset ?? startOf(n);

export function sliceOf(text: string, first: Nodes, last: Nodes = first): string {
  return text.slice(startOf(first), Math.max(startOf(first), endOf(last)));
}

/**
 * A heading indented by a few spaces starts after them; cutting there would leave the spaces
 * at the end of the previous runbook, so boundaries move back to the start of the line.
 */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
  return i === 0 || text[i - 1] === "\n" || text[i - 1] === "\r" ? i : offset;
}

/** Offsets where each line starts, for turning an offset into a 1-based line number. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

export function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** `value` as a code span that Markdown reads back as the same code. */
export function codeSpan(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

export function inlineText(nodes: PhrasingContent[]): string {
  return nodes.map(phrasingText).join("");
}

function phrasingText(node: PhrasingContent): string {
  switch (node.type) {
    case "text":
    case "html":
      return node.value;
    case "inlineCode":
      return codeSpan(node.value);
    case "break":
      return "\n";
    case "image":
    case "imageReference":
      return node.alt ?? "";
    case "footnoteReference":
      return `[^${node.label ?? node.identifier}]`;
    default:
      return "children" in node ? inlineText(node.children as PhrasingContent[]) : "";
  }
}

/** Plain text of a block; fenced code is left out because it is kept as a command instead. */
export function blockText(node: Nodes): string {
  switch (node.type) {
    case "paragraph":
    case "heading":
    case "tableCell":
      return inlineText(node.children);
    case "code":
    case "thematicBreak":
      return "";
    case "html":
      return node.value;
    case "list":
      return node.children.map((item) => `- ${blockText(item).replace(/\n/g, "\n  ")}`).join("\n");
    case "tableRow":
      return node.children.map(blockText).join(" | ");
    case "definition":
      return `[${node.label ?? node.identifier}]: ${node.url}`;
    default:
      if (!("children" in node)) return "value" in node && typeof node.value === "string" ? node.value : "";
      return (node.children as Nodes[]).map(blockText).filter(Boolean).join("\n");
  }
}

/** Visits a subtree in document order. */
export function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children as Nodes[]) walk(child, visit);
}

export type TopNode = RootContent;
