// NATS with JetStream, the message bus Beamline Router consumes from (beamline-router-recovery.md
// §1). Its exporter keeps answering while the server is down, with nats_up 0, like
// prometheus-nats-exporter does. The streams live here; the router moves their messages.
import { Registry } from "prom-client";
import { HttpError } from "../lib/http.mjs";
import { defineService, faultBook } from "../lib/service.mjs";
import { metricsIn } from "../lib/sim.mjs";

export const STREAMS = {
  DECIDE: { subjects: ["beamline.router.v1.decide"], consumer: "router_decide_consumer" },
  RESULTS: { subjects: ["beamline.router.v1.results"], consumer: "router_results_consumer" },
};

export function createNats() {
  const registry = new Registry();
  const m = metricsIn(registry);
  const g = {
    up: m.gauge("nats_up", "1 when the NATS server answers its monitoring endpoint"),
    connections: m.gauge("nats_varz_connections", "Current client connections"),
    inMsgs: m.counter("nats_varz_in_msgs_total", "Messages received by the server"),
    outMsgs: m.counter("nats_varz_out_msgs_total", "Messages sent by the server"),
    slow: m.gauge("nats_varz_slow_consumers", "Slow consumers detected"),
    streamMsgs: m.gauge("nats_jetstream_stream_messages", "Messages stored in a JetStream stream", ["stream"]),
    pending: m.gauge("nats_jetstream_consumer_num_pending", "Messages a JetStream consumer has not yet received", ["stream", "consumer"]),
    ackPending: m.gauge("nats_jetstream_consumer_num_ack_pending", "Messages delivered but not yet acknowledged", ["stream", "consumer"]),
  };

  const state = {
    up: true,
    startedAt: Date.now(),
    clients: 0,
    streams: Object.fromEntries(Object.keys(STREAMS).map((name) => [name, { messages: 0, pending: 0, ackPending: 0 }])),
  };

  const faults = faultBook({
    "nats-down": {
      title: "NATS server down",
      symptoms: "nats_status.sh: Not Running; /healthz 503; router_nats_connection_status 0 and the router fails its health",
      recovery: { action: "restart" },
      inject: () => { state.up = false; },
      clear: () => { state.up = true; state.startedAt = Date.now(); },
    },
  });

  // The bus the router uses. While the server is down nothing can publish or consume.
  const bus = {
    isUp: () => state.up,
    stream: (name) => state.streams[name],
    /** `n` messages arrive on a stream; retained until the consumer acks them. */
    publish(name, n) {
      if (!state.up || n <= 0) return 0;
      const s = state.streams[name];
      s.messages += n;
      s.pending += n;
      g.inMsgs.inc(n);
      return n;
    },
    /** The consumer takes and acks up to `n` messages; returns how many it got. */
    consume(name, n) {
      if (!state.up) return 0;
      const s = state.streams[name];
      const got = Math.min(s.pending, Math.max(0, Math.floor(n)));
      s.pending -= got;
      s.messages = Math.max(0, s.messages - got); // work-queue retention: acked messages go
      s.ackPending = Math.min(got, 8);
      g.outMsgs.inc(got);
      return got;
    },
    purge(name) {
      if (!state.up) throw new HttpError(409, "NATS is not running: restart it before purging a stream");
      const s = state.streams[name];
      const purged = s.messages;
      Object.assign(s, { messages: 0, pending: 0, ackPending: 0 });
      return purged;
    },
    setClients: (n) => { state.clients = n; },
    restart: () => restart(),
  };

  function restart() {
    const wasDown = faults.clear("nats-down");
    state.up = true;
    state.startedAt = Date.now();
    return { restarted: true, was: wasDown ? "not running" : "running", jetstream: "streams recovered from disk", streams: Object.keys(STREAMS) };
  }

  function tick() {
    g.up.set(state.up ? 1 : 0);
    g.connections.set(state.up ? state.clients : 0);
    g.slow.set(state.up && state.streams.DECIDE.pending > 5000 ? 1 : 0);
    for (const [name, def] of Object.entries(STREAMS)) {
      const s = state.streams[name];
      g.streamMsgs.set({ stream: name }, s.messages);
      g.pending.set({ stream: name, consumer: def.consumer }, s.pending);
      g.ackPending.set({ stream: name, consumer: def.consumer }, state.up ? s.ackPending : 0);
    }
  }

  function health() {
    if (!state.up) return { status: 503, body: { status: "unavailable", error: "nats-server is not running (connection refused on :4222)" } };
    return { status: 200, body: { status: "ok" } };
  }

  /** GET /nats/jsz, what the runbook's `curl -s http://localhost:8222/jsz?consumers=true` shows. */
  function jsz() {
    if (!state.up) throw new HttpError(503, "nats-server is not running");
    const detail = Object.entries(STREAMS).map(([name, def]) => {
      const s = state.streams[name];
      return {
        name, subjects: def.subjects, state: { messages: s.messages, consumer_count: 1 },
        consumer_detail: [{ name: def.consumer, num_pending: s.pending, num_ack_pending: s.ackPending }],
      };
    });
    return { streams: detail.length, consumers: detail.length, messages: detail.reduce((n, d) => n + d.state.messages, 0), stream_detail: detail };
  }

  const admin = {
    restart: {
      title: "Restart NATS (nats_stop.sh, nats_start.sh)",
      params: {},
      run: () => restart(),
    },
  };

  tick();
  return {
    bus,
    service: defineService({
      slug: "nats", name: "NATS JetStream", healthPath: "/healthz", registry, faults, admin, tick, health,
      routes: { "/jsz": jsz },
    }),
  };
}
