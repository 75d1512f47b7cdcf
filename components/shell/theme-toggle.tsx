"use client";
import { useEffect, useState } from "react";
import { Monitor, Moon, Sun } from "lucide-react";
import { THEME_KEY } from "@/components/shell/theme-script";

const ORDER = ["system", "light", "dark"] as const;
type Theme = (typeof ORDER)[number];
const ICONS = { system: Monitor, light: Sun, dark: Moon };

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    // Read the stored choice after hydration; the server cannot know it.
    const stored = localStorage.getItem(THEME_KEY) as Theme | null;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored && ORDER.includes(stored)) setTheme(stored);
  }, []);

  function next() {
    const value = ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length];
    localStorage.setItem(THEME_KEY, value);
    setTheme(value);
    (window as unknown as { __sitrepApplyTheme?: () => void }).__sitrepApplyTheme?.();
  }

  const Icon = ICONS[theme];
  return (
    <button
      type="button"
      onClick={next}
      className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-muted hover:bg-surface-2 hover:text-fg"
      aria-label={`Theme: ${theme}. Switch theme`}
      title={`Theme: ${theme}`}
    >
      <Icon className="size-4" aria-hidden />
      <span className="capitalize">{theme}</span>
    </button>
  );
}
