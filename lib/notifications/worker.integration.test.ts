// The delivery worker against the real database and real HTTP receivers, on channels an admin
// adds (URL and secret sealed): retries with backoff, a dead receiver that ends "failed" while the
// incident flow goes on, Retry-After, permanent refusals, leases, and two workers at once.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { declareIncident } from "@/lib/incidents/mutations";
import { createChannel, deleteChannel } from "./channels";
import { channelKey } from "./channels-match";
import { retryDelivery, sendTestNotification } from "./deliveries";
import { deadPort, startReceiver } from "./testing";
import { DEFAULT_WORKER_OPTIONS, deliverDue, type WorkerOptions } from "./worker";

const tag = randomUUID().slice(0, 8);
const admin = { id: null, label: "admin@example.test" };
const opts: WorkerOptions = { ...DEFAULT_WORKER_OPTIONS, origin: () => "https://sitrep.test", random: () => 0.5, timeoutMs: 2_000 };
const created: string[] = [];

async function channel(url: string, kind: "slack" | "webhook" = "webhook") {
  const row = await createChannel(admin, {
    name: `w-${tag}-${created.length}`, kind, url, secret: kind === "webhook" ? `secret-${randomUUID()}` : "",
    events: ["incident.declared"], minSeverity: "P4",
  });
  created.push(row.id);
  return row;
}
const rowsFor = (id: string) => db.notification.findMany({ where: { channelKey: channelKey(id) }, orderBy: { id: "asc" } });
const makeDue = (id: string) => db.notification.updateMany({ where: { channelKey: channelKey(id), status: "pending" }, data: { nextAttemptAt: new Date() } });
const declare = (title: string) => declareIncident(admin, { title: `${title} ${tag}`, severity: "P3", services: [], summary: "" });

// A test that fails midway must not leave its channels listening to the next tests' incidents.
afterEach(async () => {
  await db.notificationChannel.deleteMany({ where: { id: { in: created } } });
});
afterAll(async () => {
  await db.notification.deleteMany({ where: { channelKey: { in: created.map(channelKey) } } });
  await db.notificationChannel.deleteMany({ where: { id: { in: created } } });
});

describe("delivery worker", () => {
  it("stores the URL and secret sealed, shows only a hint, and delivers through the sealed URL", async () => {
    const receiver = await startReceiver();
    const ch = await channel(`${receiver.url}/hooks/${tag}-token`);
    const stored = await db.notificationChannel.findUniqueOrThrow({ where: { id: ch.id } });
    expect(stored.urlSealed).not.toContain(tag);
    expect(stored.secretSealed).toMatch(/^v1\./);
    expect(stored.urlHint).toBe(`${receiver.url}/…oken`);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { targetId: ch.id, verb: "notification.channel.create" } });
    expect(JSON.stringify(audit, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(`${tag}-token`);

    const incident = await declare("Sealed");
    await deliverDue(opts);
    expect((await rowsFor(ch.id)).map((r) => [r.incidentId, r.status])).toEqual([[incident.id, "delivered"]]);
    expect(receiver.received[0].path).toBe(`/hooks/${tag}-token`);
    await deleteChannel(admin, ch.id);
    await receiver.close();
  });

  it("a receiver answering 500 is retried after the backoff and then delivered", async () => {
    const receiver = await startReceiver([{ status: 500, body: "database is down" }, 200]);
    const ch = await channel(`${receiver.url}/flaky`);
    await declare("Flaky receiver");
    const before = Date.now();
    await deliverDue(opts);
    const [first] = await rowsFor(ch.id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500: database is down" });
    // 15 s (random 0.5 → no jitter), counted from the attempt.
    expect(first.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(14_000);
    expect(first.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(15_000);
    await deliverDue(opts);
    expect((await rowsFor(ch.id))[0]).toMatchObject({ status: "pending", attempts: 1 });

    await makeDue(ch.id);
    await deliverDue(opts);
    expect((await rowsFor(ch.id))[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200, lastError: null });
    expect(receiver.received.map((r) => r.headers["x-sitrep-delivery"])).toEqual([first.id.toString(), first.id.toString()]);
    await deleteChannel(admin, ch.id);
    await receiver.close();
  });

  it("a dead receiver never blocks the incident, and ends failed with its last error after 6 attempts", async () => {
    const port = await deadPort();
    const ch = await channel(`http://127.0.0.1:${port}/secret-path-${tag}`);
    const started = Date.now();
    const incident = await declare("Dead receiver");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await db.incident.findUnique({ where: { id: incident.id }, select: { status: true } })).toEqual({ status: "triggered" });
    for (let i = 0; i < 6; i++) {
      await deliverDue(opts);
      await makeDue(ch.id);
    }
    const [row] = await rowsFor(ch.id);
    expect(row).toMatchObject({ status: "failed", attempts: 6, lastStatus: null });
    expect(row.lastError).toBe("connection refused (is the receiver running?) (gave up after 6 attempts)");
    expect(row.lastError).not.toContain("secret-path");
    await deleteChannel(admin, ch.id);
  });

  it("honours Retry-After on 429, gives up at once on a 404, and never stores the URL's secret path in the error", async () => {
    const limited = await startReceiver([{ status: 429, headers: { "retry-after": "120" } }]);
    const gone = await startReceiver([{ status: 404, body: "no_service" }]);
    const leaky = await startReceiver([{ status: 500, body: `failed for /echo/${tag}-hidden` }]);
    const [a, b, c] = [await channel(`${limited.url}/x`), await channel(`${gone.url}/y`), await channel(`${leaky.url}/echo/${tag}-hidden`)];
    await declare("Odd receivers");
    await deliverDue(opts);
    const [ra] = await rowsFor(a.id);
    expect(ra).toMatchObject({ status: "pending", lastStatus: 429 });
    expect(ra.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(110_000);
    expect((await rowsFor(b.id))[0]).toMatchObject({ status: "failed", attempts: 1, lastStatus: 404, lastError: "HTTP 404: no_service" });
    const [rc] = await rowsFor(c.id);
    expect(rc.lastError).toBe("HTTP 500: failed for …");
    for (const ch of [a, b, c]) await deleteChannel(admin, ch.id);
    await Promise.all([limited.close(), gone.close(), leaky.close()]);
  });

  it("a row left 'sending' by a dead instance is sent again once its lease is over", async () => {
    const receiver = await startReceiver();
    const ch = await channel(`${receiver.url}/lease`);
    await declare("Lease");
    await db.notification.updateMany({ where: { channelKey: channelKey(ch.id) }, data: { status: "sending", attempts: 1, nextAttemptAt: new Date(Date.now() + 60_000) } });
    await deliverDue(opts);
    expect((await rowsFor(ch.id))[0]).toMatchObject({ status: "sending", attempts: 1 });
    expect(receiver.received).toHaveLength(0);
    await db.notification.updateMany({ where: { channelKey: channelKey(ch.id) }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
    await deliverDue(opts);
    expect((await rowsFor(ch.id))[0]).toMatchObject({ status: "delivered", attempts: 2 });
    await deleteChannel(admin, ch.id);
    await receiver.close();
  });

  it("two workers at once never send the same notification twice, and keep one request in flight per channel", async () => {
    const receivers = await Promise.all([0, 1, 2, 3].map(() => startReceiver([200], { delayMs: 15 })));
    const channels = [];
    for (const r of receivers) channels.push(await channel(`${r.url}/c`));
    await db.notification.createMany({
      data: channels.flatMap((ch) => Array.from({ length: 10 }, (_, i) => ({
        channelKey: channelKey(ch.id), channelName: ch.name, event: "notification.test",
        payload: { event: "notification.test", occurredAt: new Date().toISOString(), actor: "test", test: { channel: `${ch.name}#${i}` } },
      }))),
    });
    const [x, y] = await Promise.all([deliverDue(opts), deliverDue(opts)]);
    expect(x + y).toBe(40);
    const ids = receivers.flatMap((r) => r.received.map((m) => m.headers["x-sitrep-delivery"] as string));
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    for (const r of receivers) {
      expect(r.maxInFlight()).toBe(1);
      // Oldest first on each channel.
      expect(r.received.map((m) => (m.json as { test: { channel: string } }).test.channel.split("#")[1])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    }
    for (const ch of channels) expect((await rowsFor(ch.id)).every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
    for (const ch of channels) await deleteChannel(admin, ch.id);
    await Promise.all(receivers.map((r) => r.close()));
  });

  it("Send test and Retry now deliver at once and are audited", async () => {
    const receiver = await startReceiver([500, 200]);
    const ch = await channel(`${receiver.url}/manual`, "slack");
    const test = await sendTestNotification(admin, channelKey(ch.id));
    expect(test).toMatchObject({ status: "pending", lastStatus: 500, channel: ch.name });
    const retried = await retryDelivery(admin, test.id);
    expect(retried).toMatchObject({ status: "delivered", lastStatus: 200 });
    expect((receiver.received[1].json as { text: string }).text).toContain(`Test notification from Sitrep for channel "${ch.name}"`);
    const verbs = await db.auditEntry.findMany({ where: { OR: [{ targetId: channelKey(ch.id) }, { targetId: test.id.toString(), targetType: "notification" }] }, select: { verb: true } });
    expect(verbs.map((v) => v.verb).sort()).toEqual(["notification.retry", "notification.test"]);
    await deleteChannel(admin, ch.id);
    await receiver.close();
  });
});
