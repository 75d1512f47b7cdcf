import "server-only";
import { db, type Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/mutations";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { classifyHost } from "./address";
import { getActiveCatalog } from "@/lib/services/catalog-store";
import { channelSealer } from "./sealer";
import { urlHint } from "./seal";
import type { CreateChannelInput, UpdateChannelInput } from "./schemas";

// Channels an admin adds on the Notifications page. The URL and the signing secret are sealed
// before they reach the database; the audit log records what changed by hint and by flag only.

const TARGET = "notification-channel";

/** Read before the transaction: a transaction never waits on a second pooled connection. */
const catalogNames = async () => new Set((await getActiveCatalog()).catalog.notifications.map((c) => c.name.toLowerCase()));

async function checkName(tx: Tx, name: string, inCatalogNames: Set<string>, exceptId?: string) {
  const clash = await tx.notificationChannel.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  const inCatalog = inCatalogNames.has(name.toLowerCase());
  if (clash || inCatalog) {
    const message = inCatalog ? "The catalog already has a channel with this name; choose another." : TAKEN;
    throw new ValidationError(message, { name: [message] });
  }
}

async function lockChannel(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "NotificationChannel" WHERE "id" = ${id} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("That channel does not exist (anymore). Reload the page.");
  return tx.notificationChannel.findUniqueOrThrow({ where: { id } });
}

const described = (c: { name: string; kind: string; urlHint: string; events: string[]; minSeverity: string; enabled: boolean; secretSealed: string | null }) => ({
  name: c.name, kind: c.kind, urlHint: c.urlHint, events: c.events, minSeverity: c.minSeverity, enabled: c.enabled, signed: Boolean(c.secretSealed),
});

/**
 * A URL at this machine or a private network is refused when saved (the literal address, in any
 * encoding, or "localhost"); a name is checked again after DNS at every send (./post.ts).
 */
function checkUrl(url: string) {
  if (!url || getEnv().SITREP_NOTIFY_ALLOW_PRIVATE) return;
  const cls = classifyHost(new URL(url).hostname.replace(/^\[|\]$/g, ""));
  if (!cls) return;
  const message = `That URL points at a ${cls} address, which a channel may not reach. For a receiver inside your network, the server needs SITREP_NOTIFY_ALLOW_PRIVATE=1.`;
  throw new ValidationError(message, { url: [message] });
}

const TAKEN = "A channel with this name already exists; choose another.";

/** Two admins adding the same name at once: the unique index decides, with the same answer as checkName. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if ((e as { code?: string })?.code === "P2002") throw new ValidationError(TAKEN, { name: [TAKEN] });
    throw e;
  }
}

export async function createChannel(actor: Actor, input: CreateChannelInput) {
  checkUrl(input.url);
  const sealer = channelSealer();
  const names = await catalogNames();
  return uniqueName(() => db.$transaction(async (tx) => {
    await checkName(tx, input.name, names);
    const row = await tx.notificationChannel.create({
      data: {
        name: input.name, kind: input.kind, urlSealed: sealer.seal("url", input.url), urlHint: urlHint(input.url),
        secretSealed: input.secret ? sealer.seal("secret", input.secret) : null, events: input.events, minSeverity: input.minSeverity,
        createdById: actor.id, createdByLabel: actor.label,
      },
    });
    await appendAudit(tx, { actor, verb: "notification.channel.create", target: { type: TARGET, id: row.id }, after: described(row) });
    return row;
  }));
}

export async function updateChannel(actor: Actor, input: UpdateChannelInput) {
  checkUrl(input.url);
  const sealer = channelSealer();
  const names = await catalogNames();
  return uniqueName(() => db.$transaction(async (tx) => {
    const before = await lockChannel(tx, input.id);
    if (before.kind === "slack" && input.secret) throw new ValidationError("Slack webhooks are not signed: leave the secret empty.", { secret: ["Slack webhooks are not signed: leave the secret empty."] });
    if (input.name !== before.name) await checkName(tx, input.name, names, before.id);
    const after = await tx.notificationChannel.update({
      where: { id: before.id },
      data: {
        name: input.name, events: input.events, minSeverity: input.minSeverity,
        ...(input.url ? { urlSealed: sealer.seal("url", input.url), urlHint: urlHint(input.url) } : {}),
        ...(input.secret ? { secretSealed: sealer.seal("secret", input.secret) } : {}),
      },
    });
    await appendAudit(tx, {
      actor, verb: "notification.channel.update", target: { type: TARGET, id: before.id },
      before: described(before), after: { ...described(after), urlChanged: Boolean(input.url), signingKeyChanged: Boolean(input.secret) },
    });
    return after;
  }));
}

export async function setChannelEnabled(actor: Actor, id: string, enabled: boolean) {
  return db.$transaction(async (tx) => {
    const before = await lockChannel(tx, id);
    if (before.enabled === enabled) throw new ConflictError(`"${before.name}" is already ${enabled ? "enabled" : "disabled"}. Reload the page.`);
    const after = await tx.notificationChannel.update({ where: { id }, data: { enabled } });
    await appendAudit(tx, { actor, verb: enabled ? "notification.channel.enable" : "notification.channel.disable", target: { type: TARGET, id }, before: { enabled: before.enabled }, after: { name: after.name, enabled } });
    return after;
  });
}

/** Deliveries still queued for it end as failed ("the channel was deleted") when their turn comes. */
export async function deleteChannel(actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const before = await lockChannel(tx, id);
    await tx.notificationChannel.delete({ where: { id } });
    await appendAudit(tx, { actor, verb: "notification.channel.delete", target: { type: TARGET, id }, before: described(before) });
    return before;
  });
}
