import Link from "next/link";
import { cn } from "@/lib/cn";

const TABS = [
  { key: "users", href: "/admin/users", label: "Users" },
  { key: "notifications", href: "/admin/notifications", label: "Notifications" },
] as const;

/** The admin section's pages. */
export function AdminTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  return (
    <nav aria-label="Admin" className="mb-6 flex gap-1 border-b border-border">
      {TABS.map((t) => (
        <Link key={t.key} href={t.href} aria-current={t.key === current ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            t.key === current ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
