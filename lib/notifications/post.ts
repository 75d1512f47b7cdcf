import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { classifyHost, isIpLiteral } from "./address";

// One POST of a notification. For an admin-entered channel the address is checked AFTER DNS:
// the name is resolved once, every address it resolves to is checked, and the connection goes to
// one of exactly those addresses (the lookup hands them to the socket), so a DNS answer that
// changes between the check and the connection cannot swap in 127.0.0.1. Host and TLS SNI stay
// the URL's name.

export class RefusedAddress extends Error {
  readonly code = "ESITREP_REFUSED";
}

const refusal = (host: string, cls: string) =>
  new RefusedAddress(`refused: ${host} is a ${cls} address (set SITREP_NOTIFY_ALLOW_PRIVATE=1 for a receiver inside your network)`);

/** dns.lookup that fails when any address of the name is not public. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 4);
    const bad = addresses.map((a) => classifyHost(a.address)).find(Boolean);
    if (bad) return callback(refusal(hostname, bad), "", 4);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

export type PostAnswer = { status: number; header(name: string): string | null; text: string };

/**
 * POSTs `body` and reads at most `max` bytes of the answer. `publicOnly` refuses loopback, private,
 * link-local and multicast targets, literal or resolved, before a byte is sent.
 */
export function postOnce(url: string, init: { headers: Record<string, string>; body: string; timeoutMs: number; publicOnly: boolean }, max = 300): Promise<PostAnswer> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (init.publicOnly && isIpLiteral(host)) {
    const cls = classifyHost(host);
    if (cls) return Promise.reject(refusal(host, cls));
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target, {
      method: "POST",
      headers: { ...init.headers, "content-length": Buffer.byteLength(init.body) },
      signal: AbortSignal.timeout(init.timeoutMs),
      // A fresh connection, never a pooled one another (unchecked, trusted) request opened to the same host.
      ...(init.publicOnly ? { lookup: publicOnlyLookup, agent: false } : {}),
    });
    req.once("error", reject);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        res.destroy();
        const text = Buffer.concat(chunks).toString("utf8").slice(0, max);
        resolve({ status: res.statusCode ?? 0, header: (n) => [res.headers[n.toLowerCase()]].flat()[0] ?? null, text });
      };
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= max) done();
      });
      res.once("end", done);
      res.once("error", done);
    });
    req.end(init.body);
  });
}
