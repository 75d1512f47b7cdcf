// Which runbook an alert points at: its runbook_url annotation when that is one of Sitrep's
// runbooks (…/runbooks/<slug>), else the runbook whose alert names include the alertname.
// An outside runbook_url is kept as a link. Pure: the runbooks are passed in.

export type RunbookRef = { id: string; slug: string; alerts: string[] };
export type RunbookLink = { runbookId: string | null; runbookUrl: string | null };

/** "RunnerDown", "runner_down" and "Runner Down alert" name the same alert. */
export const alertKey = (name: string) => name.toLowerCase().replace(/alert$/, "").replace(/[^a-z0-9]/g, "");

export function runbookIndex(runbooks: RunbookRef[]) {
  const bySlug = new Map(runbooks.map((r) => [r.slug, r]));
  const byAlert = new Map<string, RunbookRef>();
  for (const r of runbooks) for (const a of r.alerts) if (!byAlert.has(alertKey(a))) byAlert.set(alertKey(a), r);
  return { bySlug, byAlert };
}

const SLUG_IN_PATH = /\/runbooks\/([a-z0-9][a-z0-9-]*)\/?$/;

/**
 * `ownHost`: Sitrep's public host (SITREP_PUBLIC_URL), when known: a runbook_url on another host
 * is someone else's page, even if its path ends in /runbooks/<a slug Sitrep also has>.
 */
export function linkRunbook(index: ReturnType<typeof runbookIndex>, alertname: string, ref: string | null, ownHost: string | null = null): RunbookLink {
  if (ref) {
    const slug = /^[a-z0-9][a-z0-9-]*$/.test(ref) ? ref : (() => {
      try {
        const url = new URL(ref);
        if (ownHost && url.host !== ownHost) return null;
        return SLUG_IN_PATH.exec(url.pathname)?.[1] ?? null;
      } catch {
        return null;
      }
    })();
    const own = slug ? index.bySlug.get(slug) : undefined;
    if (own) return { runbookId: own.id, runbookUrl: null };
    if (/^https?:\/\//i.test(ref) && ref.length <= 2_048) {
      const byName = index.byAlert.get(alertKey(alertname));
      return { runbookId: byName?.id ?? null, runbookUrl: ref };
    }
  }
  return { runbookId: index.byAlert.get(alertKey(alertname))?.id ?? null, runbookUrl: null };
}
