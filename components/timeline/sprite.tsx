import type { LucideIcon } from "lucide-react";

// The timeline draws the same dozen icons on every event: each is sent once as an SVG <symbol>
// and every event points at it with <use> (about 60 bytes instead of 500 per drawing).

const symbolId = (icon: LucideIcon) => `tl-${icon.displayName ?? "icon"}`;

/** One <symbol> per distinct icon, hidden; render it beside the events that use them. */
export function IconSprite({ icons }: { icons: LucideIcon[] }) {
  const unique = [...new Map(icons.map((i) => [symbolId(i), i])).entries()];
  if (!unique.length) return null;
  return (
    <svg className="absolute size-0 overflow-hidden" aria-hidden>
      {unique.map(([id, Icon]) => (
        <symbol key={id} id={id} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}

/** A sprite icon; its size comes from the caller's CSS (app/globals.css, .tl-…) or `className`. */
export function SpriteIcon({ icon, className }: { icon: LucideIcon; className?: string }) {
  return (
    // No viewBox here: the symbol's own scales the icon to this svg's CSS size.
    <svg className={className} aria-hidden>
      <use href={`#${symbolId(icon)}`} />
    </svg>
  );
}
