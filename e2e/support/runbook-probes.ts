// Probes for the runbook server actions (used by security.spec.ts): each seeds what the call
// would change, straight in the database, and reads back whether it changed.
import type pg from "pg";
import { uniqueTag } from "../fixtures";

type Probe = { prepare(ctx: { db: pg.Pool }): Promise<{ input: unknown; changed(): Promise<boolean> }> };

const PARSED = {
  key: "probe", kind: "scenario", title: "Probe runbook", alerts: [], symptoms: [], severity: null, mttrMinutes: null, tags: [],
  placeholders: ["$PROBE"], line: 1,
  phases: [{ title: null, fromMin: null, toMin: null, steps: [{ kind: "action", text: "Do it", commands: [], dangerous: false, danger: null, markdown: "1. Do it" }] }],
};

async function seedRunbook(db: pg.Pool) {
  const id = `probe-rb-${uniqueTag()}${uniqueTag()}`;
  const slug = `probe--${id}`;
  await db.query(
    `INSERT INTO "Runbook" (id, slug, title, source, "sourceKey", "lastEditedBy") VALUES ($1, $2, 'Probe runbook', $3, 'probe', 'probe')`,
    [id, slug, `probe/${id}.md`],
  );
  const { rows } = await db.query(
    `INSERT INTO "RunbookVersion" ("runbookId", version, markdown, sha256, parsed, "authorLabel") VALUES ($1, 1, '1. Do it', 'x', $2, 'probe') RETURNING id`,
    [id, JSON.stringify(PARSED)],
  );
  return { id, slug, versionId: rows[0].id as number };
}

async function seedIncident(db: pg.Pool) {
  const id = `probe-rbinc-${uniqueTag()}${uniqueTag()}`;
  await db.query(`INSERT INTO "Incident" (id, title, severity, status, "startedAt", "updatedAt") VALUES ($1, $2, 'P3', 'investigating', now(), now())`, [id, `Probe ${id}`]);
  return id;
}

async function seedRun(db: pg.Pool) {
  const rb = await seedRunbook(db);
  const incidentId = await seedIncident(db);
  const runId = `probe-run-${uniqueTag()}${uniqueTag()}`;
  await db.query(`INSERT INTO "RunbookRun" (id, "runbookId", "versionId", "incidentId", "startedByLabel") VALUES ($1, $2, $3, $4, 'probe')`, [runId, rb.id, rb.versionId, incidentId]);
  return runId;
}

const one = async (db: pg.Pool, sql: string, args: unknown[]) => (await db.query(sql, args)).rows[0];
const runbookProbe = (input: (rb: { slug: string }) => unknown, changed: (db: pg.Pool, id: string) => Promise<boolean>): Probe => ({
  async prepare({ db }) {
    const rb = await seedRunbook(db);
    return { input: input(rb), changed: () => changed(db, rb.id) };
  },
});
const runProbe = (input: (runId: string) => unknown, changed: (db: pg.Pool, runId: string) => Promise<boolean>): Probe => ({
  async prepare({ db }) {
    const runId = await seedRun(db);
    return { input: input(runId), changed: () => changed(db, runId) };
  },
});

export const RUNBOOK_ACTIONS: Record<string, { access: "admin" | "responder"; probe: Probe }> = {
  "lib/runbooks/actions.ts#importRunbooksAction": {
    access: "admin",
    probe: {
      async prepare({ db }) {
        const name = `probe-${uniqueTag()}.md`;
        return {
          input: { name, text: "# Probe import\n\n1. Check it: `true`\n" },
          changed: async () => (await db.query(`SELECT 1 FROM "Runbook" WHERE source = $1`, [name])).rowCount! > 0,
        };
      },
    },
  },
  "lib/runbooks/actions.ts#editRunbookAction": {
    access: "admin",
    probe: runbookProbe(({ slug }) => ({ slug, fromVersion: 1, markdown: "# Edited\n\n1. Do it twice\n" }),
      async (db, id) => (await one(db, `SELECT version FROM "Runbook" WHERE id = $1`, [id])).version !== 1),
  },
  "lib/runbooks/actions.ts#bindRunbookStepAction": {
    access: "admin",
    probe: runbookProbe(({ slug }) => ({ slug, fromVersion: 1, step: "0.0", target: "beacon-runner/restart" }),
      async (db, id) => (await one(db, `SELECT version FROM "Runbook" WHERE id = $1`, [id])).version !== 1),
  },
  "lib/runbooks/actions.ts#linkRunbookAction": {
    access: "admin",
    probe: runbookProbe(({ slug }) => ({ slug, services: "", alerts: "ProbeAlert", tags: "probe" }),
      async (db, id) => (await one(db, `SELECT tags FROM "Runbook" WHERE id = $1`, [id])).tags.includes("probe")),
  },
  "lib/runbooks/actions.ts#archiveRunbookAction": {
    access: "admin",
    probe: runbookProbe(({ slug }) => ({ slug, archived: true }), async (db, id) => (await one(db, `SELECT archived FROM "Runbook" WHERE id = $1`, [id])).archived === true),
  },
  "lib/runbooks/actions.ts#startRunbookRunAction": {
    access: "responder",
    probe: {
      async prepare({ db }) {
        const rb = await seedRunbook(db);
        const incidentId = await seedIncident(db);
        return {
          input: { incidentId, slug: rb.slug },
          changed: async () => (await db.query(`SELECT 1 FROM "RunbookRun" WHERE "incidentId" = $1`, [incidentId])).rowCount! > 0,
        };
      },
    },
  },
  "lib/runbooks/actions.ts#markRunbookStepAction": {
    access: "responder",
    probe: runProbe((runId) => ({ runId, step: "0.0", from: "", status: "done" }),
      async (db, runId) => (await db.query(`SELECT 1 FROM "RunbookStepState" WHERE "runId" = $1`, [runId])).rowCount! > 0),
  },
  "lib/runbooks/actions.ts#setRunVarsAction": {
    access: "responder",
    probe: runProbe((runId) => ({ runId, vars: { $PROBE: "value" } }), async (db, runId) => (await one(db, `SELECT vars FROM "RunbookRun" WHERE id = $1`, [runId])).vars.$PROBE === "value"),
  },
  "lib/runbooks/actions.ts#finishRunbookRunAction": {
    access: "responder",
    probe: runProbe((runId) => ({ runId, status: "abandoned" }), async (db, runId) => (await one(db, `SELECT status FROM "RunbookRun" WHERE id = $1`, [runId])).status !== "active"),
  },
};
