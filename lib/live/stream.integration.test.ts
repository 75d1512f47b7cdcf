import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/mutations";
import { getLiveHub } from "@/lib/live/instance";
import { catchUp, openLiveStream } from "@/lib/live/stream";
import { getLatestAuditSeq } from "@/lib/live/queries";

const actor = { id: null, label: "live-integration-test" };
const audit = (targetType: string, targetId: string, verb = "incident.note") =>
  db.$transaction((tx) => appendAudit(tx, { actor, verb, target: { type: targetType, id: targetId } }));

type Frame = { event?: string; id?: string; data?: string };

/** Opens a stream as a browser would, and reads frames until `until` says stop. */
async function readStream(headers: Record<string, string>, until: (frames: Frame[]) => boolean, during?: () => Promise<unknown>) {
  const abort = new AbortController();
  const response = openLiveStream(new Request("http://test/api/live", { headers, signal: abort.signal }), { userId: "nobody", sessionVersion: 0 })!;
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const frames: Frame[] = [];
  let buf = "";
  let started = false;
  while (!until(frames)) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    for (let cut = buf.indexOf("\n\n"); cut >= 0; cut = buf.indexOf("\n\n")) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      const frame: Frame = {};
      for (const line of block.split("\n")) {
        const [k, ...v] = line.split(":");
        if (k === "event" || k === "id" || k === "data") frame[k] = v.join(":").trim();
      }
      frames.push(frame);
      if (frame.event === "ready" && !started && during) {
        started = true;
        void during();
      }
    }
  }
  abort.abort();
  return frames;
}

describe("GET /api/live's stream", () => {
  it("replays what a reconnecting browser missed, then sends live changes; closing it stops the poller", async () => {
    const before = await getLatestAuditSeq();
    const tag = `live-${Date.now()}`;
    await audit("incident", `${tag}-a`, "incident.status");
    await audit("user", `${tag}-u`, "user.create"); // not published
    await audit("incident", `${tag}-b`);
    const frames = await readStream(
      { "last-event-id": String(before) },
      (f) => f.some((x) => x.event === "change" && x.data?.includes(`${tag}-live`)),
      () => audit("incident", `${tag}-live`),
    );
    const changes = frames.filter((f) => f.event === "change").map((f) => JSON.parse(f.data!));
    expect(changes.map((c) => c.topics[0])).toEqual([`incident:${tag}-a`, `incident:${tag}-b`, `incident:${tag}-live`]);
    expect(changes[0]).toMatchObject({ seq: Number(before) + 1, verb: "incident.status", topics: [`incident:${tag}-a`, "incidents"] });
    const ready = frames.findIndex((f) => f.event === "ready");
    expect(ready).toBe(3); // retry line, then two replayed changes, then ready
    expect(BigInt(frames[ready].id!)).toBeGreaterThanOrEqual(before + 3n);
    await new Promise((r) => setTimeout(r, 50));
    expect(getLiveHub().size).toBe(0);
  });

  it("tells a browser that missed more than the replay bound to refetch everything", async () => {
    const last = await getLatestAuditSeq();
    for (const id of ["x", "y", "z"]) await audit("incident", `bound-${id}`);
    const head = await getLatestAuditSeq();
    expect((await catchUp(last, head, 2)).frames).toEqual(["event: reset\ndata: {}\n\n"]);
    const within = await catchUp(last, head, 3);
    expect(within.frames).toHaveLength(3);
    expect(within.upTo).toBe(head);
  });

  it("treats an id from another database (past the head) as a reset", async () => {
    const head = await getLatestAuditSeq();
    const frames = await readStream({ "last-event-id": String(head + 1000n) }, (f) => f.some((x) => x.event === "ready"));
    expect(frames.map((f) => f.event).filter(Boolean)).toEqual(["reset", "ready"]);
  });
});
