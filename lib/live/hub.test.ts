import { describe, expect, it } from "vitest";
import { LiveHub, type HubOptions, type Subscriber } from "@/lib/live/hub";
import type { AuditChange } from "@/lib/live/queries";
import type { LiveChange } from "@/lib/live/topics";

const OPTS: HubOptions = { pollMs: 5, batch: 2, maxSubscribers: 3, maxPerUser: 2, sessionCheckMs: 20 };
const quiet = { info() {}, error() {} } as unknown as Console;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeSource(head = 10n) {
  const log: AuditChange[] = [];
  let polls = 0;
  const sessions = new Map<string, number>([["u1", 0], ["u2", 0]]);
  return {
    log, sessions, polls: () => polls,
    append(targetType: string, targetId: string | null, verb = "incident.note") {
      log.push({ seq: head + BigInt(log.length + 1), targetType, targetId, verb });
    },
    source: {
      latestSeq: async () => head + BigInt(log.length),
      changesAfter: async (cursor: bigint, limit: number) => {
        polls++;
        return log.filter((e) => e.seq > cursor).slice(0, limit);
      },
      activeSessions: async (ids: string[]) => new Map(ids.filter((i) => sessions.has(i)).map((i) => [i, sessions.get(i)!])),
    },
  };
}

function collector(userId = "u1") {
  const got: LiveChange[] = [];
  const closed: string[] = [];
  const sub: Subscriber = { userId, sessionVersion: 0, onChange: (c) => got.push(c), onClose: (r) => closed.push(r) };
  return { sub, got, closed };
}

describe("LiveHub", () => {
  it("starts from the head, fans incident changes out as topics, skips other targets, catches up in batches", async () => {
    const f = fakeSource();
    f.append("incident", "old"); // before anyone listened: never delivered
    const hub = new LiveHub(f.source, OPTS, quiet);
    const a = collector();
    const s = hub.subscribe(a.sub)!;
    expect(await s.ready).toBe(11n);
    f.append("incident", "i1", "incident.status");
    f.append("user", "u9", "user.create");
    f.append("incident", "i2");
    f.append("incident", "i1", "incident.note");
    await wait(40);
    expect(a.got.map((c) => c.seq)).toEqual([12, 14, 15]);
    expect(a.got[0]).toEqual({ seq: 12, topics: ["incident:i1", "incidents"], verb: "incident.status" });
    s.unsubscribe();
  });

  it("polls only while someone listens", async () => {
    const f = fakeSource();
    const hub = new LiveHub(f.source, OPTS, quiet);
    await wait(20);
    expect(f.polls()).toBe(0);
    const s = hub.subscribe(collector().sub)!;
    await s.ready;
    await wait(30);
    expect(f.polls()).toBeGreaterThan(0);
    s.unsubscribe();
    await wait(10);
    const after = f.polls();
    await wait(30);
    expect(f.polls()).toBe(after);
  });

  it("bounds subscribers per instance and per user", () => {
    const hub = new LiveHub(fakeSource().source, OPTS, quiet);
    const subs = [hub.subscribe(collector("u1").sub), hub.subscribe(collector("u1").sub)];
    expect(hub.subscribe(collector("u1").sub)).toBeNull();
    subs.push(hub.subscribe(collector("u2").sub));
    expect(hub.subscribe(collector("u3").sub)).toBeNull();
    subs.forEach((s) => s?.unsubscribe());
    expect(hub.size).toBe(0);
  });

  it("closes the streams of deactivated users and revoked sessions", async () => {
    const f = fakeSource();
    const hub = new LiveHub(f.source, OPTS, quiet);
    const [a, b] = [collector("u1"), collector("u2")];
    await hub.subscribe(a.sub)!.ready;
    hub.subscribe(b.sub);
    f.sessions.delete("u1"); // deactivated
    f.sessions.set("u2", 1); // signed out everywhere
    await wait(60);
    expect(a.closed).toEqual(["session-ended"]);
    expect(b.closed).toEqual(["session-ended"]);
    expect(hub.size).toBe(0);
  });
});
