import { describe, expect, it } from "vitest";
import { isPermanent, MAX_ATTEMPTS, retryAfterMs, retryDelay, RETRY_DELAYS_MS } from "./backoff";
import { matchChannels, parseChannelKey, type ChannelRef } from "./channels-match";
import { absoluteUrl, escapeSlack, slackBody, webhookBody } from "./format";
import { incidentFacts, severityOf, type Payload } from "./payload";
import { createSealer, UnsealError, urlHint } from "./seal";
import { signBody, verifySignature } from "./signature";
import { parseCatalog } from "@/lib/services/catalog";
import { parseEnv } from "@/lib/env";
import { createChannelSchema } from "./schemas";

const incident = incidentFacts({ id: "inc1", number: 42, title: "Checkout <errors> & timeouts", severity: "P1", status: "triggered", services: ["checkout", "api"] });
const declared: Payload = { event: "incident.declared", occurredAt: "2026-12-02T10:00:00.000Z", actor: "alertmanager (sitrep)", incident };
const ORIGIN = "https://sitrep.example.com";

describe("signature", () => {
  const secret = "s3cret-s3cret-s3cret";
  const body = JSON.stringify({ a: 1 });
  const now = 1_700_000_000_000;

  it("is HMAC-SHA256 over '<timestamp>.<body>' (the value openssl computes)", () => {
    // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac s3cret-s3cret-s3cret
    expect(signBody(secret, 1_700_000_000, body)).toBe("sha256=79a6c445ff099c53dc2ea6b6df3e4609699187aa67857a2783882ea8fd1e5c11");
  });

  it("verifies only the exact body, secret and timestamp, and refuses an old delivery", () => {
    const signature = signBody(secret, 1_700_000_000, body);
    const check = (h: { signature: string; timestamp: string }, b = body, s = secret, at = now) => verifySignature(s, h, b, { now: at });
    expect(check({ signature, timestamp: "1700000000" })).toBe(true);
    expect(check({ signature, timestamp: "1700000000" }, JSON.stringify({ a: 2 }))).toBe(false);
    expect(check({ signature, timestamp: "1700000000" }, body, "another-secret-entirely")).toBe(false);
    expect(check({ signature, timestamp: "1700000001" })).toBe(false);
    expect(check({ signature, timestamp: "1700000000" }, body, secret, now + 301_000)).toBe(false);
    expect(check({ signature: "sha256=00", timestamp: "1700000000" })).toBe(false);
  });
});

describe("Slack body", () => {
  it("has a fallback text with the link, and blocks with severity, escaped title and a link to the incident", () => {
    const body = slackBody(declared, ORIGIN);
    expect(body.text).toBe("P1 incident declared: INC-42 Checkout <errors> & timeouts https://sitrep.example.com/incidents/42");
    const section = body.blocks[0] as { text: { type: string; text: string } };
    expect(section.text.type).toBe("mrkdwn");
    expect(section.text.text).toContain(":red_circle: *P1*");
    expect(section.text.text).toContain("<https://sitrep.example.com/incidents/42|INC-42: Checkout &lt;errors&gt; &amp; timeouts>");
    const context = body.blocks[1] as { elements: { text: string }[] };
    expect(context.elements[0].text).toContain("*Services:* checkout, api");
    expect(context.elements[0].text).toContain("*By:* alertmanager (sitrep)");
  });

  it("names the action and its incident for an approval, and the change for a severity", () => {
    const approval = slackBody({ ...declared, event: "action.approval", action: { runId: "r1", service: "checkout", name: "restart", title: "Restart pods", danger: "destructive", requestedBy: "amy@x", path: "/incidents/42" } }, ORIGIN);
    expect(approval.text).toBe("Approval needed: Restart pods on checkout (INC-42) https://sitrep.example.com/incidents/42");
    const sev = slackBody({ ...declared, event: "incident.severity", incident: { ...incident, severity: "P2" }, change: { severity: { from: "P1", to: "P2" } } }, ORIGIN);
    expect(sev.text).toMatch(/^INC-42 severity P1 → P2: /);
  });

  it("escapes Slack's markup characters", () => {
    expect(escapeSlack("<!channel> a&b")).toBe("&lt;!channel&gt; a&amp;b");
  });
});

describe("webhook body", () => {
  it("is {event, deliveryId, occurredAt, actor, incident{…, url}} with absolute links and no relative path", () => {
    const body = webhookBody(declared, `${ORIGIN}/`, "17");
    expect(body).toEqual({
      event: "incident.declared", deliveryId: "17", occurredAt: "2026-12-02T10:00:00.000Z", actor: "alertmanager (sitrep)",
      incident: { id: "inc1", number: 42, ref: "INC-42", title: "Checkout <errors> & timeouts", severity: "P1", status: "triggered", services: ["checkout", "api"], url: "https://sitrep.example.com/incidents/42" },
    });
    expect(absoluteUrl("https://ops.example/sitrep/", "/incidents/1")).toBe("https://ops.example/sitrep/incidents/1");
  });
});

describe("retry schedule", () => {
  it("waits 15 s, 1 min, 5 min, 15 min, 1 h (±20%), then gives up after the 6th attempt", () => {
    expect(RETRY_DELAYS_MS).toEqual([15_000, 60_000, 300_000, 900_000, 3_600_000]);
    expect(MAX_ATTEMPTS).toBe(6);
    for (let a = 1; a < MAX_ATTEMPTS; a++) {
      expect(retryDelay(a, () => 0.5)).toBe(RETRY_DELAYS_MS[a - 1]);
      expect(retryDelay(a, () => 0)).toBe(RETRY_DELAYS_MS[a - 1] * 0.8);
      expect(retryDelay(a, () => 0.999999)).toBeLessThanOrEqual(RETRY_DELAYS_MS[a - 1] * 1.2);
    }
    expect(retryDelay(6)).toBeNull();
  });

  it("treats 4xx as permanent except 408 and 429, and reads Retry-After as seconds or a date, capped at an hour", () => {
    expect([400, 403, 404, 410].every(isPermanent)).toBe(true);
    expect([408, 429, 500, 502, 503].some(isPermanent)).toBe(false);
    expect(retryAfterMs("30")).toBe(30_000);
    expect(retryAfterMs(new Date(1_000_000 + 90_000).toUTCString(), 1_000_000)).toBeGreaterThan(88_000);
    expect(retryAfterMs("999999")).toBe(3_600_000);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe("sealing", () => {
  const sealer = createSealer("test-key-material-0123456789");
  const url = "https://hooks.slack.com/services/T000/B000/XXXXsecretYYYY";

  it("round-trips, never contains the clear text, and differs each time (random IV)", () => {
    const a = sealer.seal("url", url);
    const b = sealer.seal("url", url);
    expect(a).toMatch(/^v1\./);
    expect(a).not.toContain("secret");
    expect(a).not.toBe(b);
    expect(sealer.open("url", a)).toBe(url);
  });

  it("refuses a tampered value, another key, or a value sealed for another field", () => {
    const sealed = sealer.seal("url", url);
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 1] ^= 1;
    expect(() => sealer.open("url", `v1.${raw.toString("base64url")}`)).toThrow(UnsealError);
    expect(() => createSealer("another-key-material-9876543210").open("url", sealed)).toThrow(UnsealError);
    expect(() => sealer.open("secret", sealed)).toThrow(UnsealError);
    expect(() => sealer.open("url", "v1.short")).toThrow(UnsealError);
    expect(() => sealer.open("url", "plain text")).toThrow(UnsealError);
  });

  it("shows only scheme, host and the last 4 characters of a URL", () => {
    expect(urlHint(url)).toBe("https://hooks.slack.com/…YYYY");
    expect(urlHint("https://user:pw@example.com/hook?token=abcdef")).toBe("https://example.com/…cdef");
    expect(urlHint("http://10.0.0.5:8080/")).toBe("http://10.0.0.5:8080/");
  });
});

describe("channel matching", () => {
  const ch = (key: string, events: string[], minSeverity: "P1" | "P2" | "P3" | "P4"): ChannelRef => ({ key, name: key, events, minSeverity });
  const channels = [
    ch("catalog:all", ["incident.declared", "incident.severity", "incident.resolved", "action.approval"], "P4"),
    ch("catalog:pages", ["incident.declared"], "P1"),
    ch("channel:x", ["incident.resolved"], "P2"),
  ];

  it("keeps the channels subscribed to the event whose minSeverity the incident meets", () => {
    const keys = (event: Payload["event"], sev: "P1" | "P2" | "P3" | "P4" | null) => matchChannels(channels, event, sev).map((c) => c.key);
    expect(keys("incident.declared", "P1")).toEqual(["catalog:all", "catalog:pages"]);
    expect(keys("incident.declared", "P2")).toEqual(["catalog:all"]);
    expect(keys("incident.resolved", "P2")).toEqual(["catalog:all", "channel:x"]);
    expect(keys("incident.resolved", "P3")).toEqual(["catalog:all"]);
    expect(keys("action.approval", null)).toEqual(["catalog:all"]);
  });

  it("compares a severity change by the more severe side, so a P1-only channel hears the downgrade", () => {
    expect(severityOf({ incident: { ...incident, severity: "P3" }, change: { severity: { from: "P1", to: "P3" } } })).toBe("P1");
    expect(severityOf({ incident })).toBe("P1");
    expect(parseChannelKey("catalog:ops")).toEqual({ source: "catalog", name: "ops" });
    expect(parseChannelKey("channel:abc")).toEqual({ source: "channel", id: "abc" });
    expect(parseChannelKey("other:x")).toBeNull();
  });
});

describe("catalog channels", () => {
  const catalog = (channels: string) => `services:\n  - { slug: svc, name: Svc }\nnotifications:\n${channels}`;
  const problems = (channels: string) => {
    const r = parseCatalog(catalog(channels), "c.yaml");
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it("takes URLs and secrets as ${env:NAME}, with all events and every severity by default", () => {
    const r = parseCatalog(catalog(`  - { name: ops, kind: slack, url: "\${env:SLACK_URL}" }\n  - { name: hook, kind: webhook, url: "https://hooks.example/x", secret: "\${env:HOOK_KEY}", events: [incident.declared], minSeverity: P2 }\n`), "c.yaml");
    expect(r.ok && r.catalog.notifications).toEqual([
      { name: "ops", kind: "slack", url: "${env:SLACK_URL}", events: ["incident.declared", "incident.severity", "incident.resolved", "action.approval"], minSeverity: "P4" },
      { name: "hook", kind: "webhook", url: "https://hooks.example/x", secret: "${env:HOOK_KEY}", events: ["incident.declared"], minSeverity: "P2" },
    ]);
  });

  it("refuses a literal Slack URL or secret, an unsigned webhook, an unknown event and a repeated name", () => {
    expect(problems(`  - { name: ops, kind: slack, url: "https://hooks.slack.com/services/T/B/X" }\n`)).toEqual([
      "notifications[0].url: a Slack webhook URL is a credential: write it as ${env:NAME} and set NAME in Sitrep's environment",
    ]);
    expect(problems(`  - { name: h, kind: webhook, url: "https://x.example/", secret: "plain-text-secret" }\n`)[0]).toMatch(/^notifications\[0\]\.secret: write the signing secret as \$\{env:NAME\}/);
    expect(problems(`  - { name: h, kind: webhook, url: "https://x.example/" }\n`)).toEqual(["notifications[0].secret: a webhook channel is signed: add secret: ${env:NAME}"]);
    expect(problems(`  - { name: h, kind: slack, url: "\${env:A}", events: [incident.exploded] }\n`)[0]).toMatch(/^notifications\[0\]\.events\[0\]/);
    expect(problems(`  - { name: ops, kind: slack, url: "\${env:A}" }\n  - { name: OPS, kind: slack, url: "\${env:B}" }\n`)).toEqual(['notifications[1].name: "OPS" is already used by notifications[0]']);
  });
});

describe("channel form", () => {
  const base = { name: "ops", kind: "webhook", url: "https://hooks.example.com/x", secret: "0123456789abcdef", events: ["incident.declared"], minSeverity: "P2" };
  const errors = (input: Record<string, unknown>) => {
    const r = createChannelSchema.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("says beside each field what is wrong", () => {
    expect(errors(base)).toEqual({});
    expect(errors({ ...base, secret: "" })).toEqual({ secret: "A JSON webhook is signed: enter a signing secret of at least 16 characters." });
    expect(errors({ ...base, kind: "slack" })).toEqual({ secret: "Slack webhooks are not signed: leave the secret empty." });
    expect(errors({ ...base, url: "hooks.example.com" })).toEqual({ url: "Enter the full webhook URL, starting with https:// (or http:// inside your network)." });
    expect(errors({ ...base, url: "ftp://x.example/" })).toEqual({ url: "Enter the full webhook URL, starting with https:// (or http:// inside your network)." });
    expect(errors({ ...base, events: [] })).toEqual({ events: "Choose at least one event." });
    expect(errors({ ...base, name: " " })).toEqual({ name: "Enter a name." });
    expect(Object.keys(errors({ ...base, extra: 1 }))).toEqual([""]);
  });

  it("reads SITREP_PUBLIC_URL and SITREP_SECRETS_KEY from the environment, refusing bad values", () => {
    const env = { DATABASE_URL: "postgresql://x/y" };
    expect(parseEnv({ ...env, SITREP_PUBLIC_URL: "https://sitrep.example.com" }).SITREP_PUBLIC_URL).toBe("https://sitrep.example.com");
    expect(() => parseEnv({ ...env, SITREP_PUBLIC_URL: "sitrep.example.com" })).toThrow(/SITREP_PUBLIC_URL: must be the http\(s\):\/\/ address/);
    expect(() => parseEnv({ ...env, SITREP_SECRETS_KEY: "short" })).toThrow(/SITREP_SECRETS_KEY: must be at least 16 characters/);
  });
});
