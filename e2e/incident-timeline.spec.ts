// The incident timeline of a long incident: the page carries its newest page of events, older
// ones load as the reader scrolls, and a note written elsewhere appears at the top, live, fetched
// on its own (not by reloading the page or every event).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { test, expect, signIn, uniqueTag } from "./fixtures";
import { callAction, loadServerActions } from "./support/http";

test.describe.configure({ timeout: 60_000 });

// The page carries the newest 12; scrolling fetches 50 at a time.
const EVENTS = 120;

/** An open incident with a declared event and EVENTS numbered notes, one a minute. */
async function insertLongIncident(db: pg.Pool) {
  const id = `e2etl${randomUUID().replace(/-/g, "").slice(0, 18)}`;
  const title = `Long incident ${uniqueTag()}`;
  const { rows } = await db.query(
    `INSERT INTO "Incident" (id, title, severity, status, services, "startedAt", "updatedAt")
     VALUES ($1, $2, 'P2', 'investigating', '{}', now() - interval '3 hours', now()) RETURNING number`,
    [id, title],
  );
  await db.query(
    `INSERT INTO "TimelineEvent" ("incidentId", kind, "occurredAt", "createdAt", "actorLabel", data)
     VALUES ($1, 'declared', now() - interval '3 hours', now() - interval '3 hours', 'e2e', $2)`,
    [id, JSON.stringify({ severity: "P2", services: [], title })],
  );
  await db.query(
    `INSERT INTO "TimelineEvent" ("incidentId", kind, "occurredAt", "createdAt", "actorLabel", body)
     SELECT $1, 'note', t, t, 'e2e', 'Timeline note ' || g || ' of ${EVENTS}'
     FROM generate_series(1, ${EVENTS}) g, LATERAL (SELECT now() - interval '3 hours' + g * interval '1 minute' AS t) x`,
    [id],
  );
  return { id, number: rows[0].number as number };
}

test("a long timeline shows its newest page, loads older events on scroll, and a new note arrives live at the top", async ({ page, db, createUser, apiAs, baseURL }) => {
  const incident = await insertLongIncident(db);
  const [viewer, writer] = [await createUser("viewer"), await createUser("responder")];
  const reads: string[] = [];
  page.on("request", (r) => r.url().includes(`/api/incidents/${incident.number}/timeline`) && reads.push(r.url()));
  await signIn(page, viewer);
  const html = await (await page.request.get(`/incidents/${incident.number}`)).text();
  expect(html).toContain("Timeline note 120 of 120");
  expect(html).not.toContain("Timeline note 108 of 120"); // only the newest page is in the page

  // The live stream starts from the seq the page was rendered at: a change after it is not lost.
  const stream = page.waitForRequest((r) => r.url().includes("/api/live"));
  await page.goto(`/incidents/${incident.number}`);
  await stream;
  await page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "no reload"));
  const events = page.getByTestId("timeline").getByTestId("timeline-event");
  await expect(events).toHaveCount(12);
  await expect(events.first()).toContainText("Timeline note 120 of 120");
  await expect(events.last()).toContainText("Timeline note 109 of 120");

  // Scrolling near the end loads the next page, and the next, then the last (with the declaration).
  await page.getByTestId("timeline-older").scrollIntoViewIfNeeded();
  await expect(events).toHaveCount(62);
  await expect(events.nth(12)).toContainText("Timeline note 108 of 120");
  await page.getByTestId("timeline-older").scrollIntoViewIfNeeded();
  await expect(events).toHaveCount(112);
  await page.getByTestId("timeline-older").scrollIntoViewIfNeeded();
  await expect(events).toHaveCount(EVENTS + 1);
  await expect(events.last()).toContainText("Declared as P2");
  await expect(page.getByTestId("timeline-end")).toBeVisible();
  expect(reads.filter((u) => u.includes("before="))).toHaveLength(3);

  // Someone else writes a note: it appears first, nothing reloads, and only new events are read.
  const note = `Failed over to the replica ${uniqueTag()}`;
  const add = loadServerActions().find((a) => a.key === "lib/incidents/actions.ts#addTimelineNoteAction")!;
  const response = await callAction(await apiAs(writer), add, [{ incidentId: incident.id, body: note, occurredAt: "" }], {
    path: `/incidents/${incident.number}`,
    origin: baseURL!,
  });
  expect(response.result).toMatchObject({ ok: true });
  await expect(events.first()).toContainText(note, { timeout: 5_000 });
  await expect(events).toHaveCount(EVENTS + 2);
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe("no reload");
  expect(reads.filter((u) => u.includes("after=")).length).toBeGreaterThan(0);
  expect(reads.filter((u) => !u.includes("after=") && !u.includes("before="))).toHaveLength(0);
});

test("the timeline's paged read needs a session and answers a bad cursor with a clear error", async ({ db, apiAs, createUser }) => {
  const incident = await insertLongIncident(db);
  const anonymous = await apiAs();
  expect((await anonymous.get(`/api/incidents/${incident.number}/timeline`, { maxRedirects: 0 })).status()).toBe(401);
  const api = await apiAs(await createUser("viewer"));
  const first = await api.get(`/api/incidents/${incident.number}/timeline?view=notes`);
  const page = (await first.json()) as { events: { body: string }[]; older: string };
  expect(page.events).toHaveLength(50);
  expect(page.events[0].body).toBe("Timeline note 120 of 120");
  const next = (await (await api.get(`/api/incidents/${incident.number}/timeline?view=notes&before=${encodeURIComponent(page.older)}`)).json()) as typeof page;
  expect(next.events[0].body).toBe("Timeline note 70 of 120");
  const bad = await api.get(`/api/incidents/${incident.number}/timeline?before=yesterday`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("Not a timeline position");
});
