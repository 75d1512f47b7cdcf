import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/lib/cn";

// Notes and summaries are untrusted: raw HTML is skipped, and react-markdown's default URL
// transform drops javascript: and other unsafe links.
// The element styles live once in app/globals.css (.markdown): a timeline renders hundreds of
// notes, and a long utility class string on each weighed hundreds of KB per page.
// `inTimeline`: a timeline event's body (.tl-body in app/globals.css) already sets the text style.
export function MarkdownBody({ source, className, inTimeline = false }: { source: string; className?: string; inTimeline?: boolean }) {
  return (
    <div className={inTimeline ? "markdown" : cn("markdown break-words text-sm leading-relaxed", className)}>
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
