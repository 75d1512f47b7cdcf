// A real HTTP receiver for notification tests (integration and e2e): records every request and
// answers with the next status of its script (the last one repeats).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; json: unknown; at: number };
type Answer = number | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

export async function startReceiver(script: Answer[] = [200], opts: { delayMs?: number } = {}) {
  const received: Received[] = [];
  let served = 0;
  const load = { inFlight: 0, max: 0 };
  const server = http.createServer((req, res) => {
    load.max = Math.max(load.max, ++load.inFlight);
    res.on("close", () => load.inFlight--);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // kept as text
      }
      received.push({ path: req.url ?? "", headers: req.headers, body, json, at: Date.now() });
      const step = script[Math.min(served++, script.length - 1)];
      const a = typeof step === "number" ? { status: step } : step;
      setTimeout(() => {
        res.writeHead(a.status, { "content-type": "text/plain", ...a.headers });
        res.end(a.body ?? (a.status < 300 ? "ok" : `error ${a.status}`));
      }, a.delayMs ?? opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    /** the most requests it was answering at once */
    maxInFlight: () => load.max,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A local port nothing listens on (opened, then closed). */
export async function deadPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
