import "server-only";
import type { Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

// Locking an incident for the rest of a transaction, so concurrent edits queue up and none is
// lost. FOR NO KEY UPDATE, not FOR UPDATE: rows that reference the incident (timeline events the
// poller writes while it holds the audit head) only need a key-share lock, which this one does
// not block; FOR UPDATE would, and the two transactions would deadlock on the audit head.

/** Locks the row; returns the incident's number. */
export async function lockIncidentRow(tx: Tx, incidentId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ number: number }[]>`SELECT "number" FROM "Incident" WHERE "id" = ${incidentId} FOR NO KEY UPDATE`;
  if (!rows.length) throw new NotFoundError("That incident does not exist.");
  return rows[0].number;
}

/** Locks the row and bumps its version, so everyone following the incident refetches it. */
export async function touchIncident(tx: Tx, incidentId: string): Promise<number> {
  const number = await lockIncidentRow(tx, incidentId);
  await tx.incident.update({ where: { id: incidentId }, data: { version: { increment: 1 } } });
  return number;
}
