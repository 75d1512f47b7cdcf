"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity, BellRing, BookOpen, FileText, Flame, ListChecks, ScrollText, Server, Shield, Siren } from "lucide-react";
import { cn } from "@/lib/cn";

const LINKS = [
  { href: "/", label: "War room", icon: Siren },
  { href: "/incidents", label: "Incidents", icon: Flame },
  { href: "/alerts", label: "Alerts", icon: BellRing },
  { href: "/services", label: "Services", icon: Server },
  { href: "/runbooks", label: "Runbooks", icon: BookOpen },
  { href: "/reports", label: "Reports", icon: FileText },
  { href: "/follow-ups", label: "Follow-ups", icon: ListChecks },
  { href: "/audit", label: "Audit", icon: ScrollText },
] as const;

const ADMIN = { href: "/admin/users", label: "Admin", icon: Shield } as const;

export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const links = isAdmin ? [...LINKS, ADMIN] : LINKS;
  return (
    <ul className="flex flex-col gap-0.5">
      {links.map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname.startsWith(href.split("/").slice(0, 2).join("/"));
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
                active ? "bg-surface-2 text-fg" : "text-muted hover:bg-surface-2 hover:text-fg",
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function Brand() {
  return (
    <span className="flex items-center gap-2 text-lg font-semibold tracking-tight">
      <Activity className="size-5 text-danger" aria-hidden />
      Sitrep
    </span>
  );
}
