// Which addresses an admin-entered notification channel must not reach: this machine, its
// private networks and the cloud's metadata service (a webhook there would let anyone with the
// admin role probe PostgreSQL, Redis or 169.254.169.254 and read the answers). Pure.
import { isIPv6 } from "node:net";

export type AddressClass = "loopback" | "private" | "link-local" | "shared (CGNAT)" | "unspecified" | "multicast" | "reserved";

/** IPv4 as the URL parser (and inet_aton) reads it: "127.1", "0x7f000001", "2130706433", "0177.0.0.1". */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length > 4 || parts.some((p) => p === "")) return null;
  const nums: number[] = [];
  for (const p of parts) {
    const m = /^0x([0-9a-f]*)$/i.exec(p);
    const n = m ? (m[1] === "" ? 0 : parseInt(m[1], 16)) : /^0[0-7]+$/.test(p) ? parseInt(p, 8) : /^(0|[1-9]\d*)$/.test(p) ? Number(p) : NaN;
    if (!Number.isFinite(n)) return null;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  return nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
}

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
const V4_BLOCKS: [number, number, AddressClass][] = [
  [v4(0, 0, 0, 0), 8, "unspecified"],
  [v4(10, 0, 0, 0), 8, "private"],
  [v4(100, 64, 0, 0), 10, "shared (CGNAT)"],
  [v4(127, 0, 0, 0), 8, "loopback"],
  [v4(169, 254, 0, 0), 16, "link-local"],
  [v4(172, 16, 0, 0), 12, "private"],
  [v4(192, 0, 0, 0), 24, "reserved"],
  [v4(192, 168, 0, 0), 16, "private"],
  [v4(198, 18, 0, 0), 15, "reserved"],
  [v4(224, 0, 0, 0), 4, "multicast"],
  [v4(240, 0, 0, 0), 4, "reserved"],
];

function classifyV4(n: number): AddressClass | null {
  for (const [base, bits, cls] of V4_BLOCKS) if (n >>> (32 - bits) === base >>> (32 - bits)) return cls;
  return null;
}

/** The 8 groups of an IPv6 address (with an embedded IPv4 tail, a zone id dropped), or null. */
function parseIPv6(text: string): number[] | null {
  const bare = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIPv6(bare)) return null;
  let s = bare;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const n = parseIPv4(tail[1])!;
    s = `${s.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = s.includes("::") ? s.split("::") : [s, null];
  const h = head ? head.split(":") : [];
  const r = rest ? rest.split(":") : [];
  const groups = rest === null ? h : [...h, ...Array(8 - h.length - r.length).fill("0"), ...r];
  return groups.map((g) => parseInt(g, 16));
}

function classifyV6(g: number[]): AddressClass | null {
  const embedded = (g[6] << 16) + g[7];
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(8)) return "unspecified";
  if (zeros(7) && g[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach an IPv4 address.
  if ((zeros(5) && g[5] === 0xffff) || zeros(6) || (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))) {
    return classifyV4(embedded >>> 0);
  }
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // fc00::/7, unique local
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // fec0::/10, the old site-local
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  return null;
}

/**
 * Why a host (an IP in any encoding, or a name) is not a public address, or null when it is a
 * public IP or an ordinary name (a name is checked again once resolved, at send time).
 */
export function classifyHost(host: string): AddressClass | null {
  const h = host.trim().toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return "loopback";
  const n4 = parseIPv4(h);
  if (n4 !== null) return classifyV4(n4);
  const g = parseIPv6(h);
  return g ? classifyV6(g) : null;
}

/** Whether `host` is an IP literal (any encoding) rather than a name to resolve. */
export const isIpLiteral = (host: string) => parseIPv4(host.trim()) !== null || parseIPv6(host.trim()) !== null;
