// What bench:alerts finds in the database after its run, against what it sent: incidents
// created (by the run's tag in their title, linked or not), alerts stored, timeline events, and
// each group's incident state.
import { incidentTitleTag, settled } from "./alert-traffic.mjs";

export async function checkStore(client, tag, run) {
  const like = `%${incidentTitleTag(tag)}%`;
  const incidents = (await client.query(`SELECT count(*)::int AS n FROM "Incident" WHERE title LIKE $1`, [like])).rows[0].n;
  const events = (await client.query(
    `SELECT count(*)::int AS n FROM "TimelineEvent" e JOIN "Incident" i ON i.id = e."incidentId" WHERE e.kind = 'alert' AND i.title LIKE $1`, [like])).rows[0].n;
  const groups = (await client.query(
    `SELECT g."groupKey" AS key, i.status, (SELECT count(*)::int FROM "Alert" a WHERE a."groupId" = g.id) AS alerts
       FROM "AlertGroup" g LEFT JOIN "Incident" i ON i.id = g."incidentId"
      WHERE g.source = 'alertmanager' AND g."groupKey" LIKE $1`, [`{}/{bench="${tag}"}:%`])).rows;
  const byKey = new Map(groups.map((g) => [g.key, g]));
  let mitigated = 0, open = 0, wrongState = 0, alerts = 0;
  for (const g of run.groups.filter((x) => x.last)) {
    const row = byKey.get(g.key);
    alerts += row?.alerts ?? 0;
    const done = settled(g);
    const ok = done ? row?.status === "mitigated" : ["triggered", "investigating"].includes(row?.status);
    if (!ok) wrongState++;
    else if (done) mitigated++;
    else open++;
  }
  const expectedAlerts = run.groups.reduce((n, g) => n + g.alerts.filter((a) => a.state !== "absent").length, 0);
  return { incidents, events, expectedEvents: run.expectedEvents, alerts, expectedAlerts, mitigated, open, wrongState, storedGroups: groups.length };
}

/** Removes the run's alert groups and incidents (BENCH_KEEP=1 keeps them to look at). */
export async function removeRun(client, tag) {
  const incidents = await client.query(`DELETE FROM "Incident" WHERE title LIKE $1`, [`%${incidentTitleTag(tag)}%`]);
  await client.query(`DELETE FROM "AlertGroup" WHERE source = 'alertmanager' AND "groupKey" LIKE $1`, [`{}/{bench="${tag}"}:%`]);
  return incidents.rowCount;
}
