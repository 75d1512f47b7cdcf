// The http executor against the real demo fleet and against small local servers that misbehave.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFleet } from "@/demo/fleet.mjs";
import { validateParams } from "./params";
import { executorFor } from "./executor";
import { httpExecutor } from "./http-executor";
import { actionOf, demoAction } from "./testing";
import type { CatalogAction } from "@/lib/services/catalog-schema";

const TOKEN = "fleet-token-for-action-tests";
const env = { SITREP_FLEET_TOKEN: TOKEN };
const run = (action: CatalogAction, input: Record<string, unknown> = {}, e: Record<string, string> = env) => {
  const v = validateParams(action, input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return executorFor(action).execute(action, v.values, { env: e });
};

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return { url, close };
}
const at = (url: string, fields: Record<string, unknown> = {}) => actionOf({ timeout: "2s", ...fields, http: { url, headers: { Authorization: "Bearer ${env:SITREP_FLEET_TOKEN}" }, ...(fields.http as object) } });

describe("against the demo fleet", () => {
  let fleet: { url: string; close: () => Promise<void> };
  const breakers = async () => {
    const body = await (await fetch(`${fleet.url}/beacon-runner/health/ready`)).json();
    return Object.fromEntries(body.services.map((s: { name: string; circuit_breaker_stats: { state: string } }) => [s.name, s.circuit_breaker_stats.state]));
  };
  beforeAll(async () => {
    fleet = await startFleet({ port: 0, token: TOKEN, tickMs: 100, log: () => {} });
  });
  afterAll(() => fleet.close());

  it("reset-circuit-breakers succeeds and the yagna breaker closes", async () => {
    const inject = await fetch(`${fleet.url}/beacon-runner/faults/circuit-open`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(inject.status).toBe(200);
    expect((await breakers()).yagna).toBe("open");
    const result = await run(demoAction(fleet.url, "beacon-runner", "reset-circuit-breakers"), { service: "yagna" });
    expect(result).toMatchObject({ outcome: "succeeded", httpStatus: 200, truncated: false });
    expect(result.output.length).toBeGreaterThan(0);
    expect(result.digest).toBe(createHash("sha256").update(result.output).digest("hex"));
    expect((await breakers()).yagna).toBe("closed");
  });

  it("a wrong token fails with HTTP 401 and the token appears nowhere", async () => {
    const wrong = "not-the-fleet-token-123";
    const result = await run(demoAction(fleet.url, "beacon-runner", "reset-circuit-breakers"), {}, { SITREP_FLEET_TOKEN: wrong });
    expect(result).toMatchObject({ outcome: "failed", httpStatus: 401, error: expect.stringMatching(/^HTTP 401: /) });
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it("a missing secret fails before any request, with a clear message", async () => {
    const result = await run(demoAction(fleet.url, "beacon-runner", "restart"), {}, {});
    expect(result).toMatchObject({ outcome: "failed", error: "SITREP_FLEET_TOKEN is not set on this Sitrep instance", outputBytes: 0 });
  });
});

describe("against misbehaving servers", () => {
  it("sends typed JSON bodies and resolved headers, and masks a secret the server echoes", async () => {
    const s = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c)).on("end", () => res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization, type: req.headers["content-type"], body: JSON.parse(body) })));
    });
    const action = at(`${s.url}/jobs/{{queue}}/republish`, { params: { limit: { type: "integer", min: 1, max: 1000, default: 100 }, queue: { type: "enum", values: ["dead letter"], default: "dead letter" } }, http: { body: { limit: "{{limit}}" } } });
    const result = await run(action, { limit: "7" });
    await s.close();
    expect(result.outcome).toBe("succeeded");
    expect(JSON.parse(result.output)).toEqual({ method: "POST", auth: "Bearer ••••", type: "application/json", body: { limit: 7 } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("a target that never answers times out at the action's timeout", async () => {
    const s = await serve(() => {});
    const result = await run(at(`${s.url}/slow`, { timeout: "300ms" }));
    await s.close();
    expect(result).toMatchObject({ outcome: "timed out", error: "no complete answer within 0.3 s (the action's timeout)" });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(1500);
  });

  it("HTTP 500 fails with the server's short reason", async () => {
    const s = await serve((_req, res) => res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "database is on fire" })));
    const result = await run(at(`${s.url}/x`));
    await s.close();
    expect(result).toMatchObject({ outcome: "failed", httpStatus: 500, error: "HTTP 500: database is on fire" });
  });

  it("a connection closed mid-response fails with a readable reason", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write("partial…", () => res.socket?.destroy());
    });
    const result = await run(at(`${s.url}/x`));
    await s.close();
    expect(result.outcome).toBe("failed");
    expect(result.error).toMatch(/^connection (closed|reset) before the response was complete$/);
  });

  it("connection refused fails with a readable reason", async () => {
    const s = await serve(() => {});
    await s.close();
    const result = await run(at(`${s.url}/x`));
    expect(result).toMatchObject({ outcome: "failed", error: `connection refused (${new URL(s.url).host})` });
  });

  it("a 50 MB response is capped, counted and digested in bounded memory", async () => {
    const chunk = Buffer.alloc(64 * 1024, "x");
    const chunks = 800; // 50 MiB
    const s = await serve((_req, res) => {
      let sent = 0;
      const pump = () => {
        while (sent < chunks) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const result = await run(at(`${s.url}/big`, { timeout: "8s" }));
    await s.close();
    const expected = createHash("sha256");
    for (let i = 0; i < chunks; i++) expected.update(chunk);
    expect(result).toMatchObject({ outcome: "succeeded", truncated: true, outputBytes: chunks * chunk.length, digest: expected.digest("hex") });
    // What is kept is the cap; the rest is counted and hashed as it streams past. (A heap-size
    // check here depended on when the garbage collector ran, and failed one CI run in six.)
    expect(Buffer.byteLength(result.output)).toBe(64_000);
  });

  it("a redirect to another host is refused and that host is never called", async () => {
    let calls = 0;
    const other = await serve((_req, res) => void (calls++, res.end("gotcha")));
    const s = await serve((_req, res) => res.writeHead(302, { location: `${other.url}/steal` }).end());
    const result = await run(at(`${s.url}/x`));
    await Promise.all([s.close(), other.close()]);
    expect(result).toMatchObject({ outcome: "failed", httpStatus: 302, error: `HTTP 302: redirect to another host (${new URL(other.url).host}) refused` });
    expect(calls).toBe(0);
  });

  it("is the executor for http actions", () => {
    expect(executorFor(at("http://x.invalid/"))).toBe(httpExecutor);
  });
});
