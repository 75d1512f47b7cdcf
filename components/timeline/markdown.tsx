import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/lib/cn";

// Notes and summaries are untrusted: raw HTML is skipped, and react-markdown's default URL
// transform drops javascript: and other unsafe links.
const STYLES = cn(
  "break-words text-sm leading-relaxed",
  "[&_p]:my-1.5 [&_ul]:my-1.5 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-1.5 [&_ol]:list-decimal [&_ol]:pl-5",
  "[&_a]:text-accent [&_a]:underline [&_strong]:font-semibold [&_h1]:text-base [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold",
  "[&_code]:rounded [&_code]:bg-surface-2 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em]",
  "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-surface-2 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted",
  "[&_table]:my-2 [&_td]:border [&_td]:border-border [&_td]:px-2 [&_th]:border [&_th]:border-border [&_th]:px-2",
);

export function MarkdownBody({ source, className }: { source: string; className?: string }) {
  return (
    <div className={cn(STYLES, className)}>
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{ a: ({ node, ...props }) => (void node, <a {...props} target="_blank" rel="noopener noreferrer nofollow" />) }}
      >
        {source}
      </Markdown>
    </div>
  );
}
