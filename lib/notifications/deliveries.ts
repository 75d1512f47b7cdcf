import "server-only";
import type { Prisma } from "@/lib/db";
import { db } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { parseChannelKey } from "./channels-match";
import type { Payload } from "./payload";
import { deliverNow } from "./worker";

// What an admin does by hand: send a test through a channel, retry a delivery now. Both go
// through the outbox like any notification (so they show in the list, and retry on failure),
// then this instance tries them at once, so the answer is on screen in a second or two.

export type ManualResult = { id: bigint; status: "delivered" | "pending" | "failed" | "queued"; lastError: string | null; lastStatus: number | null };

async function channelName(key: string): Promise<string> {
  const ref = parseChannelKey(key);
  if (ref?.source === "catalog") {
    const c = (await getActiveCatalog()).catalog.notifications.find((n) => n.name === ref.name);
    if (c) return c.name;
  } else if (ref?.source === "channel") {
    const c = await db.notificationChannel.findUnique({ where: { id: ref.id }, select: { name: true, enabled: true } });
    if (c && !c.enabled) throw new ConflictError(`"${c.name}" is disabled: enable it to send a test.`);
    if (c) return c.name;
  }
  throw new NotFoundError("That channel does not exist (anymore). Reload the page.");
}

async function tryNow(id: bigint): Promise<ManualResult> {
  const r = await deliverNow(id);
  return r ? { id, ...r } : { id, ...(await outcomeOf(id)) };
}

const WATCH_MS = 8_000;

/**
 * Another instance's delivery worker (or another app process: SITREP_WORKERS) claimed the row
 * first: wait a few seconds for its attempt, so the admin still sees the real answer.
 */
async function outcomeOf(id: bigint): Promise<Omit<ManualResult, "id">> {
  const until = Date.now() + WATCH_MS;
  for (;;) {
    const row = await db.notification.findUnique({ where: { id }, select: { status: true, lastError: true, lastStatus: true, attempts: true } });
    const attempted = row && row.status !== "sending" && (row.status !== "pending" || row.attempts > 0);
    if (row && (attempted || Date.now() >= until)) {
      const status = attempted ? (row.status as ManualResult["status"]) : "queued";
      return { status, lastError: row.lastError, lastStatus: row.lastStatus };
    }
    if (!row) return { status: "queued", lastError: null, lastStatus: null };
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function sendTestNotification(actor: Actor, key: string): Promise<ManualResult & { channel: string }> {
  const name = await channelName(key);
  const payload: Payload = { event: "notification.test", occurredAt: new Date().toISOString(), actor: actor.label, test: { channel: name } };
  const row = await db.$transaction(async (tx) => {
    const created = await tx.notification.create({
      data: { channelKey: key, channelName: name, event: payload.event, payload: payload as unknown as Prisma.InputJsonValue },
      select: { id: true },
    });
    await appendAudit(tx, { actor, verb: "notification.test", target: { type: "notification-channel", id: key }, after: { channel: name, delivery: created.id.toString() } });
    return created;
  });
  return { ...(await tryNow(row.id)), channel: name };
}

/** A failed (or waiting) delivery goes again now, with a fresh round of retries if this one fails. */
export async function retryDelivery(actor: Actor, id: bigint): Promise<ManualResult & { channel: string }> {
  const row = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: bigint }[]>`SELECT "id" FROM "Notification" WHERE "id" = ${id} FOR UPDATE`;
    if (!locked) throw new NotFoundError("That delivery does not exist (anymore). Reload the page.");
    const before = await tx.notification.findUniqueOrThrow({ where: { id }, select: { status: true, attempts: true, channelName: true, event: true, incidentId: true } });
    if (before.status === "delivered") throw new ConflictError("It was delivered meanwhile. Reload the page.");
    if (before.status === "sending") throw new ConflictError("It is being sent right now. Reload the page in a few seconds.");
    await tx.notification.update({ where: { id }, data: { status: "pending", attempts: 0, nextAttemptAt: new Date() } });
    await appendAudit(tx, {
      actor, verb: "notification.retry", target: { type: "notification", id: id.toString() },
      before: { status: before.status, attempts: before.attempts }, after: { channel: before.channelName, event: before.event, incidentId: before.incidentId },
    });
    return before;
  });
  return { ...(await tryNow(id)), channel: row.channelName };
}
