// The demo fleet, started in this process on a free port with a fast tick: every fault shows the
// symptoms its seed runbook describes and its recovery action clears it; the HTTP surface refuses
// bad tokens and bodies; /metrics is valid exposition; the CLI starts and stops cleanly.
// (demo/catalog.test.ts checks demo/catalog.yaml against the running fleet.)
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCENARIOS, type Probe } from "./scenarios";
import { parseMetrics, TOKEN, until, setupFleet, type Json } from "./testing";

const f = setupFleet();
const path = (url: string) => new URL(url).pathname;
const describeProbe = (p: Probe) => `verdict ${p.verdict}, HTTP ${p.health.status}: ${p.health.text.slice(0, 400)}`;

describe("faults", () => {
  it("every fault the fleet offers has a scenario, and every scenario names an offered fault", () => {
    const offered = f.index.services.flatMap((s: Json) => s.faults.map((x: Json) => `${s.slug}/${x.name}`)).sort();
    expect(offered).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(Object.keys(SCENARIOS))("%s: shows its seed's symptoms, and its recovery action clears it", async (key) => {
    const [slug, name] = key.split("/");
    const scenario = SCENARIOS[key];
    const listing = async () => (await f.api.get(`/${slug}/faults`)).json.faults.find((x: Json) => x.name === name);
    expect((await listing()).active).toBe(false);
    await until("the whole fleet up before injecting", async () => (await f.notUp()) || true);
    let before = await f.scrapeAll();
    const probe = async (): Promise<Probe> => {
      const l = await f.look(slug, before.get(slug) ?? null);
      return { ...l, body: l.health.json, look: (other) => f.look(other, before.get(other) ?? null) };
    };

    const injected = await f.api.post(`/${slug}/faults/${name}`, scenario.inject);
    expect(injected.status, injected.text).toBe(200);
    expect(injected.json).toMatchObject({ fault: name, active: true });
    await until(`the symptoms of ${key}`, async () => {
      const p = await probe();
      return (await scenario.symptom(p)) || describeProbe(p);
    });

    const fault = await listing(); // its recovery, as listed while it is active
    expect(fault.active).toBe(true);
    const recovery = await f.api.post(path(fault.recovery.url), fault.recovery.body);
    expect(recovery.status, recovery.text).toBe(200);
    expect(recovery.json.ok).toBe(true);
    expect((await f.api.get(`/${slug}/faults`)).json.active).not.toContain(name);
    before = await f.scrapeAll(); // what `recovered` compares with: the scrape after the recovery
    await until(`${key} to be cleared by ${fault.recovery.action}`, async () => {
      const p = await probe();
      return (await (scenario.recovered ?? ((x: Probe) => x.verdict === "up"))(p)) || describeProbe(p);
    });
  });

  it("DELETE clears a fault directly, GET /faults lists what is active, POST /reset clears them all", async () => {
    for (const p of ["/beacon-runner/faults/circuit-open", "/nats/faults/nats-down", "/agent-node/faults/disk-full"]) expect((await f.api.post(p)).status).toBe(200);
    expect((await f.api.get("/beacon-runner/faults")).json.active).toEqual(["circuit-open"]);
    await until("beamline-router failing with NATS down", async () => (await f.look("beamline-router")).verdict === "down");
    expect((await f.api.del("/beacon-runner/faults/circuit-open")).json).toMatchObject({ cleared: true, active: false });
    expect((await f.look("beacon-runner")).verdict).toBe("up");
    expect((await f.api.del("/nats/faults/nats-down")).status).toBe(200);
    await until("beamline-router reconnected", async () => (await f.look("beamline-router")).verdict === "up");
    expect((await f.api.post("/reset")).json.cleared).toEqual([{ service: "agent-node", fault: "disk-full" }]);
    await until("the whole fleet up", async () => (await f.notUp()) || true);
  });

  it("force-half-open lets probe requests close the router's open breaker", async () => {
    await f.api.post("/beamline-router/faults/circuit-open", { tenant: "acme", provider: "mistral" });
    const half = await f.api.post("/beamline-router/admin/force-half-open", { tenant: "acme", provider: "mistral" });
    expect(half.json).toMatchObject({ breaker: "acme/mistral", was: "open", now: "half_open" });
    await until("the breaker closed by successful probes", async () => (await f.look("beamline-router")).verdict === "up");
    expect((await f.api.get("/beamline-router/faults")).json.active).toEqual([]);
  });
});

describe("the HTTP surface", () => {
  it("refuses admin, fault and reset calls without the token or with a wrong one (401)", async () => {
    for (const auth of [null, "wrong-token", `${TOKEN}x`]) {
      const replies = [
        await f.api.post("/beacon-runner/admin/restart", {}, auth),
        await f.api.post("/nats/faults/nats-down", undefined, auth),
        await f.api.del("/nats/faults/nats-down", auth),
        await f.api.post("/reset", undefined, auth),
      ];
      for (const r of replies) expect([r.status, r.json.error]).toEqual([401, expect.stringMatching(/token|Authorization/)]);
    }
    expect((await f.api.get("/nats/faults")).json.active).toEqual([]);
  });

  it("answers 400 with a clear {error} to bad bodies", async () => {
    const cases: [string, unknown, RegExp][] = [
      ["/beamline-router/admin/scale-replicas", { replicas: 99 }, /replicas must be between 1 and 12/],
      ["/beamline-router/admin/scale-replicas", { replicas: "many" }, /replicas must be an integer/],
      ["/beamline-router/admin/scale-replicas", {}, /replicas is required/],
      ["/beamline-router/admin/force-half-open", { tenant: "acme" }, /provider is required/],
      ["/beamline-router/admin/reset-circuit-breakers", { provider: "bard" }, /provider must be one of all, openai/],
      ["/beacon-runner/admin/restart", { force: true }, /unknown field "force"; this takes no parameters/],
      ["/aitbc-redis/admin/clear-keys", { pattern: "$(rm -rf /)" }, /pattern must match/],
      ["/beamline-router/faults/circuit-open", { tenant: "nobody" }, /tenant must be one of acme, globex/],
      ["/beacon-runner/admin/requeue-dead-letters", [1, 2], /must be a JSON object/],
    ];
    for (const [url, body, message] of cases) {
      const r = await f.api.post(url, body);
      expect([r.status, r.json.error], url).toEqual([400, expect.stringMatching(message)]);
    }
    const broken = await f.api.postRaw("/beacon-runner/admin/restart", "{not json");
    expect([broken.status, broken.json.error]).toEqual([400, "the body is not valid JSON"]);
    expect((await f.api.get("/beamline-router/faults")).json.active).toEqual([]);
  });

  it("answers 404 to unknown paths and 405 to wrong methods", async () => {
    for (const p of ["/nope", "/beacon-runner", "/beacon-runner/nope", "/beacon-runner/admin/nope", "/beacon-runner/faults/nope", "/nats/admin/restart/now"]) {
      const r = await f.api.post(p);
      expect([r.status, typeof r.json.error], p).toEqual([404, "string"]);
    }
    expect((await f.api.get("/beacon-runner/admin/restart")).status).toBe(405);
    expect((await f.api.post("/beacon-runner/metrics")).status).toBe(405);
  });

  it("serves valid Prometheus exposition for every service", async () => {
    const line = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|[+-]Inf|NaN)$/;
    for (const s of f.index.services) {
      const r = await f.api.get(path(s.metrics));
      expect(r.status).toBe(200);
      const lines = r.text.split("\n").filter((l) => l && !l.startsWith("#"));
      expect(lines.length, s.slug).toBeGreaterThan(5);
      for (const l of lines) expect(l, s.slug).toMatch(line);
      expect(parseMetrics(r.text).length).toBe(lines.length);
    }
  });

  it("counters keep increasing with simulated traffic", async () => {
    const before = await f.scrapeAll();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const after = await f.scrapeAll();
    const total = (m: typeof before, slug: string, name: string) => (m.get(slug) ?? []).filter((x) => x.name === name).reduce((n, x) => n + x.value, 0);
    // (The Fondation worker claims a job every few seconds: too few for a 1 s window.)
    const counters = [["beacon-runner", "jobs_enqueued_total"], ["beamline-router", "router_decide_requests_total"],
      ["nats", "nats_varz_in_msgs_total"], ["aitbc-coordinator", "http_requests_total"], ["aitbc-postgres", "pg_stat_database_xact_commit_total"],
      ["aitbc-redis", "redis_commands_processed_total"], ["agent-node", "http_requests_total"]];
    for (const [slug, name] of counters) expect(total(after, slug, name), `${slug} ${name}`).toBeGreaterThan(total(before, slug, name));
  });
});

describe("node demo/fleet.mjs", () => {
  const start = (args: string[]) => {
    const env = { ...process.env, SITREP_FLEET_PORT: "", SITREP_FLEET_TOKEN: "", SITREP_FLEET_HOST: "" };
    const child = spawn(process.execPath, [fileURLToPath(new URL("./fleet.mjs", import.meta.url)), "--port", "0", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, exited, out: () => out, err: () => err };
  };

  it("prints its ready line, warns about the default token, and exits cleanly on SIGTERM", async () => {
    const p = start([]);
    await until("the ready line", () => p.out().includes("\n") || p.out());
    expect(p.out()).toMatch(/^fleet ready http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(p.err()).toMatch(/SITREP_FLEET_TOKEN is not set.*sitrep-demo-fleet-token/);
    const url = p.out().trim().split(" ")[2];
    const r = await fetch(`${url}/nats/faults/nats-down`, { method: "POST", headers: { authorization: "Bearer sitrep-demo-fleet-token" } });
    expect(r.status).toBe(200);
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
  });

  it("exits when its parent closes the lifeline pipe (--lifeline)", async () => {
    const p = start(["--lifeline"]);
    await until("the ready line", () => p.out().includes("\n") || p.out());
    p.child.stdin.end();
    expect(await p.exited).toBe(0);
  });
});
