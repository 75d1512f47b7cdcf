import type { PanelRange } from "@/lib/services/types";

// react-query keys for services: invalidating `all` refetches every list, detail and panel.
export const serviceKeys = {
  all: ["services"] as const,
  lists: () => ["services", "list"] as const,
  /** `slugs` undefined: the whole fleet */
  list: (slugs?: readonly string[]) => ["services", "list", slugs ? [...slugs].sort().join(",") : "*"] as const,
  /** pages of the list: merged with every delta */
  pages: () => ["services", "page"] as const,
  page: (query: string) => ["services", "page", query] as const,
  /** the dependency map's connected part, and its standalone services once expanded */
  map: () => ["services", "map"] as const,
  standalone: () => ["services", "standalone"] as const,
  /** the war room's strip: only the failing services */
  strip: () => ["services", "strip"] as const,
  details: () => ["services", "detail"] as const,
  detail: (slug: string) => ["services", "detail", slug] as const,
  panels: (slug: string) => ["services", "panel", slug] as const,
  panel: (slug: string, index: number, range: PanelRange) => ["services", "panel", slug, index, range] as const,
};
