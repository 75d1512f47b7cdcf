// The writers of bench:war-day: responders at work, each on its own incident, through the real
// server actions over HTTP. In turn: a note (one in four on the big incident everyone watches),
// a status change (investigating ⇄ identified, the way back as a reopen), another note, a
// recovery action run (a no-op http action on a loopback target, as bench:actions). Then a pause.
import crypto from "node:crypto";
import http from "node:http";
import { actionId, callAction } from "./server-actions.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const WRITE_LABELS = {
  note: "write: note (addTimelineNoteAction)",
  status: "write: status (changeIncidentStatusAction)",
  run: "write: action run (requestRecoveryAction)",
};

export function writerActions(root) {
  return {
    declare: actionId(root, "lib/incidents/actions.ts", "declareIncidentAction"),
    note: actionId(root, "lib/incidents/actions.ts", "addTimelineNoteAction"),
    status: actionId(root, "lib/incidents/actions.ts", "changeIncidentStatusAction"),
    run: actionId(root, "lib/actions/actions.ts", "requestRecoveryAction"),
  };
}

/** Declares the writer's incident and moves it to investigating (set-up, not measured). */
async function prepare(w) {
  const declared = await callAction(w.agent, w.base, w.cookie, w.ids.declare, { title: `bench:war-day writer ${w.n}`, severity: "P2", services: [w.service], summary: "" });
  if (!declared.ok) throw new Error(`declare failed (HTTP ${declared.status}): ${declared.text.slice(0, 300)}`);
  w.incident = await w.lookup(declared.value.data.number);
  const moved = await callAction(w.agent, w.base, w.cookie, w.ids.status, { incidentId: w.incident, from: "triggered", to: "investigating" });
  if (!moved.ok) throw new Error(`status change failed (HTTP ${moved.status}): ${moved.text.slice(0, 300)}`);
  w.status = "investigating";
}

function nextWrite(w, i) {
  const kind = ["note", "status", "note", "run"][i % 4];
  if (kind === "note") {
    const incidentId = i % 8 === 0 ? w.bigId : w.incident;
    return { kind, arg: { incidentId, body: `bench:war-day note ${i} from writer ${w.n}: error rate ${(i * 7) % 40}%` } };
  }
  if (kind === "status") {
    const to = w.status === "investigating" ? "identified" : "investigating";
    return { kind, arg: { incidentId: w.incident, from: w.status, to, reopen: to === "investigating" }, after: () => { w.status = to; } };
  }
  const idempotencyKey = crypto.randomBytes(18).toString("base64url");
  return { kind, arg: { service: w.service, action: "noop", params: {}, idempotencyKey, incidentId: w.incident } };
}

async function loop(w, rec, endAt, pauseMs) {
  for (let i = 0; Date.now() < endAt; i++) {
    const write = nextWrite(w, i);
    const counted = rec.recording;
    const r = await callAction(w.agent, w.base, w.cookie, w.ids[write.kind], write.arg);
    if (r.ok) {
      if (counted) rec.sample(WRITE_LABELS[write.kind], r.ms);
      write.after?.();
    } else {
      rec.error(WRITE_LABELS[write.kind], r.status, r.value ? JSON.stringify(r.value) : r.text);
    }
    await sleep(pauseMs);
  }
}

/** Prepares `count` writers; returns run(endAt) for the measured part. */
export async function createWriters({ count, base, cookie, ids, bigId, service, lookup, pauseMs }) {
  const writers = Array.from({ length: count }, (_, n) => ({
    n, base, cookie, ids, bigId, service, lookup, agent: new http.Agent({ keepAlive: true, maxSockets: 2 }),
  }));
  for (const w of writers) await prepare(w);
  return {
    incidents: writers.map((w) => w.incident),
    run: async (rec, endAt) => {
      // Staggered so the writers do not all press at the same instant.
      await Promise.all(writers.map(async (w) => { await sleep((w.n * pauseMs) / count); await loop(w, rec, endAt, pauseMs); }));
      writers.forEach((w) => w.agent.destroy());
    },
  };
}
