import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchLimited, type FetchOk } from "@/lib/health/fetch-limited";

type Served = { url: string; port: number; sockets: Set<Socket>; requests: string[] };
const servers: http.Server[] = [];

/** A real server on 127.0.0.1 and a free port, closed after each test. */
async function serve(handler: http.RequestListener): Promise<Served> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("request", (req) => requests.push(req.url ?? ""));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, sockets, requests };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const limits = { timeoutMs: 2_000, maxBytes: 1_048_576 };
const MB = 1_048_576;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
/** Waits until the server has seen every connection close (a destroyed request must not linger). */
async function allClosed(s: Served) {
  for (let i = 0; i < 100 && s.sockets.size; i++) await sleep(10);
  return s.sockets.size;
}

describe("fetchLimited", () => {
  it("returns status, body, content type, latency and final URL", async () => {
    const s = await serve((_, res) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end("up 1\n"));
    const res = (await fetchLimited(`${s.url}/metrics`, limits)) as FetchOk;
    expect(res).toMatchObject({ ok: true, status: 200, contentType: "text/plain; version=0.0.4", finalUrl: `${s.url}/metrics` });
    expect(res.body.toString()).toBe("up 1\n");
    expect(Number.isInteger(res.latencyMs)).toBe(true);
  });

  it("answers ok for any HTTP status: the caller judges a 503", async () => {
    const s = await serve((_, res) => res.writeHead(503).end('{"error":"db down"}'));
    const res = await fetchLimited(s.url, limits);
    expect(res).toMatchObject({ ok: true, status: 503 });
    expect((res as FetchOk).body.toString()).toBe('{"error":"db down"}');
  });

  it("does not hold a HEAD answer's Content-Length against the cap", async () => {
    const s = await serve((_, res) => res.writeHead(200, { "content-length": String(5 * MB) }).end());
    const res = await fetchLimited(s.url, { ...limits, method: "HEAD" });
    expect(res).toMatchObject({ ok: true, status: 200 });
    expect((res as FetchOk).body.length).toBe(0);
  });

  it("times out on slow headers, naming the seconds, and closes the connection", async () => {
    const s = await serve(() => {}); // never answers
    const res = await fetchLimited(s.url, { ...limits, timeoutMs: 300 });
    expect(res).toMatchObject({ ok: false, reason: "timeout after 0.3 s" });
    expect(res.latencyMs).toBeGreaterThanOrEqual(290);
    expect(res.latencyMs).toBeLessThan(1_000);
    expect(await allClosed(s)).toBe(0);
  });

  it("times out on a body that trickles: the deadline covers the whole body", async () => {
    const s = await serve((_, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write("x"), 50);
      res.on("close", () => clearInterval(t));
    });
    const res = await fetchLimited(s.url, { ...limits, timeoutMs: 400 });
    expect(res).toMatchObject({ ok: false, reason: "timeout after 0.4 s" });
    expect(await allClosed(s)).toBe(0);
  });

  it("says connection refused for a port nobody listens on", async () => {
    const s = await serve(() => {});
    servers.pop()!.close();
    const res = await fetchLimited(s.url, limits);
    expect(res).toMatchObject({ ok: false, reason: "connection refused" });
  });

  it("says connection reset when the server drops the connection", async () => {
    const s = await serve((req) => req.socket.destroy());
    expect(await fetchLimited(s.url, limits)).toMatchObject({ ok: false, reason: "connection reset" });
  });

  it("rejects a body over the cap at once when Content-Length says so", async () => {
    const s = await serve((_, res) => {
      res.writeHead(200, { "content-length": String(2 * MB) });
      res.write(Buffer.alloc(1024));
    });
    const res = await fetchLimited(s.url, { ...limits, maxBytes: MB });
    expect(res).toMatchObject({ ok: false, reason: "response larger than 1 MB" });
    expect(await allClosed(s)).toBe(0);
  });

  it("stops reading a chunked body as soon as it passes the cap", async () => {
    let sent = 0;
    const s = await serve((_, res) => {
      res.writeHead(200); // no Content-Length: chunked, endless
      const t = setInterval(() => { sent += 65_536; res.write(Buffer.alloc(65_536, 120)); }, 5);
      res.on("close", () => clearInterval(t));
    });
    const res = await fetchLimited(s.url, { ...limits, timeoutMs: 5_000, maxBytes: 256 * 1024 });
    expect(res).toMatchObject({ ok: false, reason: "response larger than 256 KB" });
    expect(res.latencyMs).toBeLessThan(2_000);
    expect(await allClosed(s)).toBe(0);
    expect(sent).toBeLessThan(4 * MB);
  });

  it("follows redirects on the same origin, relative or absolute", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/a") return res.writeHead(302, { location: "/b" }).end();
      if (req.url === "/b") return res.writeHead(301, { location: `http://127.0.0.1:${s.port}/c` }).end("moved");
      res.writeHead(200).end("c");
    });
    const res = (await fetchLimited(`${s.url}/a`, limits)) as FetchOk;
    expect(res).toMatchObject({ ok: true, status: 200, finalUrl: `${s.url}/c` });
    expect(res.body.toString()).toBe("c");
    expect(s.requests).toEqual(["/a", "/b", "/c"]);
  });

  it("refuses redirects to another host, port or scheme without following them", async () => {
    let to = "";
    const s = await serve((_, res) => res.writeHead(302, { location: to }).end());
    const cases: [string, string][] = [
      ["http://evil.example/steal", "redirect to another host (evil.example) refused"],
      [`http://127.0.0.2:${s.port}/`, `redirect to another host (127.0.0.2:${s.port}) refused`],
      [`http://localhost:${s.port}/`, `redirect to another host (localhost:${s.port}) refused`],
      [`https://127.0.0.1:${s.port}/`, `redirect to https://127.0.0.1:${s.port} refused (only the same scheme, host and port)`],
    ];
    for (const [location, reason] of cases) {
      to = location;
      expect(await fetchLimited(s.url, limits)).toMatchObject({ ok: false, status: 302, reason });
    }
    expect(s.requests).toHaveLength(cases.length);
  });

  it("gives up on a redirect loop", async () => {
    const s = await serve((_, res) => res.writeHead(307, { location: "/loop" }).end());
    expect(await fetchLimited(`${s.url}/loop`, limits)).toMatchObject({ ok: false, reason: "too many redirects (more than 3)" });
    expect(s.requests).toHaveLength(4);
    expect(await fetchLimited(`${s.url}/loop`, { ...limits, maxRedirects: 0 })).toMatchObject({ ok: false, reason: "too many redirects (more than 0)" });
  });

  it("never lets slow endpoints delay fast ones", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/slow") setTimeout(() => res.end("slow"), 1_500);
      else res.end("fast");
    });
    const start = performance.now();
    const slow = Array.from({ length: 10 }, () => fetchLimited(`${s.url}/slow`, { ...limits, timeoutMs: 5_000 }));
    const fast = Array.from({ length: 40 }, () => fetchLimited(`${s.url}/fast`, limits).then((r) => ({ r, at: performance.now() - start })));
    const fastDone = await Promise.all(fast);
    expect(fastDone.every(({ r }) => r.ok && r.status === 200)).toBe(true);
    expect(Math.max(...fastDone.map((f) => f.at))).toBeLessThan(700);
    expect((await Promise.all(slow)).every((r) => r.ok)).toBe(true);
  });

  it("retries once when a kept-alive connection turns out to be closed", async () => {
    const perSocket = new WeakMap<Socket, number>();
    const s = await serve((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) return req.socket.destroy(); // as if the server's idle timeout struck just then
      res.end("ok");
    });
    expect(await fetchLimited(s.url, limits)).toMatchObject({ ok: true, status: 200 });
    expect(await fetchLimited(s.url, limits)).toMatchObject({ ok: true, status: 200 });
    expect(s.requests).toHaveLength(3);
  });

  it("names TLS failures, bad URLs and cancellation", async () => {
    const s = await serve((_, res) => res.end("plain http"));
    const tls = await fetchLimited(`https://127.0.0.1:${s.port}/`, limits);
    expect(tls).toMatchObject({ ok: false, reason: "TLS error: wrong version number (does the server speak plain HTTP?)" });
    expect(await fetchLimited("not a url", limits)).toMatchObject({ ok: false, reason: "not a valid URL: not a url" });
    expect(await fetchLimited("ftp://x/", limits)).toMatchObject({ ok: false, reason: "not an http:// or https:// URL: ftp://x/" });
    const slow = await serve(() => {});
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await fetchLimited(slow.url, { ...limits, signal: ac.signal })).toMatchObject({ ok: false, reason: "cancelled" });
    expect(await allClosed(slow)).toBe(0);
  });

  it("names DNS and certificate failures (simulated: these tests reach no network)", async () => {
    const failWith = (code: string, message: string) =>
      vi.spyOn(http, "request").mockImplementationOnce(() => {
        const req = Object.assign(new EventEmitter(), { destroy() {}, end() {} });
        setImmediate(() => req.emit("error", Object.assign(new Error(message), { code })));
        return req as unknown as http.ClientRequest;
      });
    failWith("ENOTFOUND", "getaddrinfo ENOTFOUND nowhere.internal");
    expect(await fetchLimited("http://nowhere.internal/health", limits)).toMatchObject({ ok: false, reason: "DNS lookup failed for host nowhere.internal" });
    failWith("CERT_HAS_EXPIRED", "certificate has expired");
    expect(await fetchLimited("http://old.internal/", limits)).toMatchObject({ ok: false, reason: "TLS error: certificate has expired" });
    vi.restoreAllMocks();
  });

  it("lets many requests share one cancel signal without a listener-leak warning", async () => {
    const s = await serve(() => {});
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    const ac = new AbortController();
    const pending = Array.from({ length: 50 }, () => fetchLimited(s.url, { ...limits, signal: ac.signal }));
    await sleep(50);
    ac.abort();
    const results = await Promise.all(pending);
    process.off("warning", onWarning);
    expect(results.every((r) => !r.ok && r.reason === "cancelled")).toBe(true);
    expect(warnings).not.toContain("MaxListenersExceededWarning");
    expect(await allClosed(s)).toBe(0);
  });

  it("leaves no timer behind after timeouts, refusals and oversized bodies", async () => {
    const before = timers();
    const hang = await serve(() => {});
    const big = await serve((_, res) => res.writeHead(200).end(Buffer.alloc(2 * MB)));
    const gone = await serve(() => {});
    servers.pop()!.close();
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => fetchLimited(hang.url, { ...limits, timeoutMs: 100 })),
      ...Array.from({ length: 20 }, () => fetchLimited(big.url, { ...limits, maxBytes: MB })),
      ...Array.from({ length: 20 }, () => fetchLimited(gone.url, limits)),
    ]);
    expect(new Set(results.map((r) => !r.ok && r.reason))).toEqual(new Set(["timeout after 0.1 s", "response larger than 1 MB", "connection refused"]));
    // ≤: idle sockets of earlier tests may close meanwhile; a leak would show one timer per request
    expect(timers()).toBeLessThanOrEqual(before);
    expect(await allClosed(hang)).toBe(0);
    expect(await allClosed(big)).toBe(0);
  });
});
