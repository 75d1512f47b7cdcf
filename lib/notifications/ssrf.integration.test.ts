// Admin-entered channels cannot reach this machine or a private network (SSRF) unless
// SITREP_NOTIFY_ALLOW_PRIVATE is set: refused when saved (literal addresses in any encoding) and
// when sent, after DNS (a name resolving to 127.0.0.1). Catalog channels are trusted config.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";

// Before any import reads the configuration: this file runs without the setting that
// vitest.config.ts turns on for the other notification tests.
const previous = vi.hoisted(() => {
  const value = process.env.SITREP_NOTIFY_ALLOW_PRIVATE;
  process.env.SITREP_NOTIFY_ALLOW_PRIVATE = "";
  return value;
});

import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { createChannel } from "./channels";
import { channelKey } from "./channels-match";
import { sendTestNotification } from "./deliveries";
import { channelSealer } from "./sealer";
import { deliverTo } from "./send";
import { startReceiver } from "./testing";
import type { Payload } from "./payload";

const tag = randomUUID().slice(0, 8);
const admin = { id: null, label: "admin@example.test" };
const created: string[] = [];
const payload = { event: "test", test: { channel: "ssrf" } } as unknown as Payload;

afterAll(async () => {
  await db.notification.deleteMany({ where: { channelKey: { in: created.map(channelKey) } } });
  await db.notificationChannel.deleteMany({ where: { id: { in: created } } });
  process.env.SITREP_NOTIFY_ALLOW_PRIVATE = previous;
});

const save = (url: string, i: number) =>
  createChannel(admin, { name: `ssrf-${tag}-${i}`, kind: "slack", url, secret: "", events: ["incident.declared"], minSeverity: "P4" });

describe("notification channels and private addresses", () => {
  it("refuses to save a URL at a loopback, private, link-local or multicast address, in any encoding", async () => {
    const urls = [
      "http://127.0.0.1:5432/", "http://127.0.0.1:6379/", "http://0x7f000001/", "http://2130706433/", "http://127.1/", "http://0177.0.0.1/",
      "http://localhost:6379/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[fd00::1]/", "http://[fe80::1]/",
      "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.0.1/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/",
      "http://0.0.0.0:5432/", "http://224.0.0.1/",
    ];
    for (const [i, url] of urls.entries()) {
      const error = await save(url, i).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.url?.[0], url).toMatch(/address, which a channel may not reach.*SITREP_NOTIFY_ALLOW_PRIVATE=1/);
    }
    expect(await db.notificationChannel.count({ where: { name: { startsWith: `ssrf-${tag}` } } })).toBe(0);
  });

  it("refuses a delivery to a name that resolves to 127.0.0.1, before a byte is sent", async () => {
    const receiver = await startReceiver([{ status: 500, body: "+OK redis would answer here ".repeat(20) }]);
    const port = new URL(receiver.url).port;
    for (const url of [`http://localhost:${port}/hook`, `http://vm:${port}/hook`]) {
      const outcome = await deliverTo({ kind: "webhook", url, secret: null }, payload, "1", "https://sitrep.test", 2_000);
      expect(outcome, url).toMatchObject({ ok: false, status: null, permanent: true });
      expect(!outcome.ok && outcome.error, url).toMatch(/^refused: .+ is a loopback address \(set SITREP_NOTIFY_ALLOW_PRIVATE=1/);
    }
    expect(receiver.received).toHaveLength(0);

    // A catalog channel is the operators' own config: trusted, it reaches the receiver, with the
    // name kept as Host, and a failed delivery shows a short status line, not the answer's body.
    const trusted = await deliverTo({ kind: "webhook", url: `http://localhost:${port}/hook`, secret: null, trusted: true }, payload, "2", "https://sitrep.test", 2_000);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers.host).toBe(`localhost:${port}`);
    expect(trusted).toMatchObject({ ok: false, status: 500 });
    expect(!trusted.ok && trusted.error.length).toBeLessThanOrEqual(100);
    await receiver.close();
  });

  it("Send test on a stored channel that points at this machine fails with the reason, and reaches nothing", async () => {
    const receiver = await startReceiver();
    // As if saved while the setting was on, or before this check existed.
    const url = `${receiver.url.replace("127.0.0.1", "localhost")}/hook`;
    const row = await db.notificationChannel.create({
      data: { name: `ssrf-${tag}-stored`, kind: "slack", urlSealed: channelSealer().seal("url", url), urlHint: "http://localhost/…", events: ["incident.declared"], minSeverity: "P4", createdByLabel: admin.label },
    });
    created.push(row.id);
    const result = await sendTestNotification(admin, channelKey(row.id));
    expect(JSON.stringify(result, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).toMatch(/refused: localhost is a loopback address/);
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });
});
