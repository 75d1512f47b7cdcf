// Which Host names this server answers to. A browser tricked by DNS rebinding (a page on
// rebind.attacker.example whose name later resolves to 127.0.0.1) sends its own name as Host and
// Origin; Next's server-action check only compares the two, so they would pass. Refusing names
// we never published closes that: the public URL's host, the loopback names on our port, the
// address we listen on, and SITREP_ALLOWED_HOSTS for names a proxy forwards.

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
// Load balancers and Prometheus probe by IP: these answer whatever the Host (they carry no session).
const ANY_HOST_PATHS = /^\/(api\/health(\/ready)?|metrics)\/?$/;
const ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\*\.[a-z0-9.-]+)(:\d{1,5})?$/;

/** SITREP_ALLOWED_HOSTS: "name", "name:port", "*.example.com"; throws a message naming the bad entry. */
export function parseAllowedHosts(raw = "") {
  const entries = raw.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean);
  for (const e of entries) {
    if (!ENTRY.test(e)) throw new Error(`SITREP_ALLOWED_HOSTS: "${e}" is not a host name (expected names like sitrep.internal or sitrep.internal:8080, comma-separated)`);
  }
  return entries;
}

const hostOf = (url) => {
  try {
    return url ? new URL(url).host.toLowerCase() : null;
  } catch {
    return null;
  }
};

/**
 * The accepted entries: an entry without a port matches that name on any port.
 * @param {{ port: number | string, listen?: string, publicUrl?: string, authUrl?: string, extra?: string }} config
 */
export function allowedHosts({ port, listen, publicUrl, authUrl, extra = "" }) {
  const names = new Set([...LOOPBACK.map((h) => `${h}:${port}`), ...parseAllowedHosts(extra)]);
  if (Number(port) === 80) LOOPBACK.forEach((h) => names.add(h));
  for (const url of [publicUrl, authUrl]) {
    const host = hostOf(url);
    if (host) names.add(host);
  }
  if (listen && !["0.0.0.0", "::", "localhost"].includes(listen)) names.add(`${listen.includes(":") ? `[${listen}]` : listen}:${port}`);
  return [...names];
}

/** Whether `host` (a Host header, "name[:port]") is one of `allowed`. */
export function isAllowedHost(host, allowed) {
  const h = String(host ?? "").trim().toLowerCase();
  if (!h) return false;
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.split(":")[0];
  return allowed.some((entry) => {
    if (entry === h) return true;
    if (entry.includes(":") && !entry.startsWith("[")) return false; // a name with a port: exact only
    if (entry.startsWith("[") && entry.includes("]:")) return false;
    if (entry.startsWith("*.")) return name.endsWith(entry.slice(1));
    return entry === name;
  });
}

export const answersAnyHost = (url = "/") => ANY_HOST_PATHS.test(url.split("?", 1)[0]);

/** The 421's one-line body: what is accepted and what to set. */
export function misdirectedMessage(host, allowed) {
  return `Misdirected request: this Sitrep does not answer to the host "${host ?? ""}". Accepted: ${allowed.join(", ")}. ` +
    "Open it at one of those, or add the name to SITREP_ALLOWED_HOSTS (or set SITREP_PUBLIC_URL).\n";
}
