// Beamline Router's metrics, named as in its recovery runbook (router_nats_connection_status,
// router_circuit_breaker_state, router_provider_latency_p95_ms, router_provider_errors_total).
import { zero } from "../lib/sim.mjs";

export function routerMetrics(m, tenants, providers) {
  const g = {
    natsStatus: m.gauge("router_nats_connection_status", "1 when the router is connected to NATS, 0 when not"),
    natsErrors: m.counter("router_nats_connection_errors_total", "NATS connection errors", ["error"]),
    reconnects: m.counter("router_nats_reconnects_total", "NATS reconnections"),
    requests: m.counter("router_decide_requests_total", "Decide requests routed, by tenant, provider and result", ["tenant_id", "provider_id", "result"]),
    providerErrors: m.counter("router_provider_errors_total", "Errors returned by AI providers", ["provider_id", "error_type"]),
    latency: m.histogram("router_provider_latency_ms", "Provider call latency in milliseconds", ["provider_id"], [50, 100, 250, 500, 1000, 2000, 5000, 10000]),
    p95: m.gauge("router_provider_latency_p95_ms", "Provider latency p95 over the last minute, in milliseconds", ["provider_id"]),
    breaker: m.gauge("router_circuit_breaker_state", "Circuit breaker state: 0 closed, 1 open, 2 half_open", ["tenant_id", "provider_id"]),
    transitions: m.counter("router_circuit_breaker_state_transitions_total", "Circuit breaker state transitions", ["tenant_id", "provider_id"]),
    pending: m.gauge("router_jetstream_consumer_pending_messages", "Messages pending for the router's JetStream consumers", ["stream", "consumer"]),
    processed: m.counter("router_jetstream_messages_processed_total", "JetStream messages processed and acked", ["consumer"]),
    replicas: m.gauge("router_replicas", "Router nodes running"),
  };
  zero(g.natsErrors, ["error", ["connection_lost", "connection_refused"]]);
  zero(g.requests, ["tenant_id", tenants], ["provider_id", providers], ["result", ["ok", "error", "circuit_open"]]);
  zero(g.providerErrors, ["provider_id", providers], ["error_type", ["timeout", "http_5xx"]]);
  zero(g.transitions, ["tenant_id", tenants], ["provider_id", providers]);
  zero(g.processed, ["consumer", ["router_decide_consumer"]]);
  g.reconnects.inc(0);
  return g;
}
