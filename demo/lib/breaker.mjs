// The circuit breaker the simulated services share, modelled on Project Beacon's runner
// (internal/circuitbreaker): closed → open after maxFailures, open → half-open after the
// timeout, half-open → closed after successThreshold successes or → open on one failure.
// `spelling` keeps each seed's names ("half-open" for Beacon, "half_open" for Beamline).

const CODES = { closed: 0, open: 1, halfOpen: 2 };

export class Breaker {
  constructor(name, { maxFailures = 5, timeoutMs = 30_000, successThreshold = 2, maxRequests = 3, halfOpen = "half-open" } = {}) {
    Object.assign(this, { name, maxFailures, timeoutMs, successThreshold, maxRequests, halfOpenName: halfOpen });
    this.reset();
    this.transitions = 0;
  }

  reset() {
    this.state = "closed";
    this.failures = 0;
    this.successes = 0;
    this.requests = 0;
    this.lastFailTime = this.lastFailTime ?? null;
    this.openedAt = null;
    /** held open by a fault: the open timeout never elapses until someone resets or half-opens it */
    this.held = false;
  }

  get stateName() {
    return this.state === "halfOpen" ? this.halfOpenName : this.state;
  }

  get code() {
    return CODES[this.state];
  }

  /** One call through the breaker: "ok", "failed", or "rejected" (failing fast, not attempted). */
  call(succeeded, now = Date.now()) {
    if (this.state === "open") {
      if (this.held || now - this.lastFailTime <= this.timeoutMs) return "rejected";
      this.move("halfOpen");
      this.requests = 0;
      this.successes = 0;
    }
    if (this.state === "halfOpen") {
      if (this.requests >= this.maxRequests) return "rejected";
      this.requests += 1;
    }
    if (succeeded) this.onSuccess();
    else this.onFailure(now);
    return succeeded ? "ok" : "failed";
  }

  onFailure(now) {
    this.failures += 1;
    this.lastFailTime = now;
    if (this.state === "closed" && this.failures >= this.maxFailures) this.open(now);
    else if (this.state === "halfOpen") this.open(now);
  }

  onSuccess() {
    if (this.state === "closed") this.failures = 0;
    else if (this.state === "halfOpen" && ++this.successes >= this.successThreshold) {
      this.move("closed");
      this.failures = 0;
      this.requests = 0;
      this.successes = 0;
    }
  }

  open(now = Date.now(), { hold = false } = {}) {
    this.move("open");
    this.openedAt = now;
    this.lastFailTime = now;
    this.requests = 0;
    this.successes = 0;
    this.held = hold;
  }

  /** Test recovery: let a few probe requests through; they decide open or closed. */
  halfOpen() {
    this.move("halfOpen");
    this.held = false;
    this.requests = 0;
    this.successes = 0;
  }

  /** Force recovery: closed, counters cleared. Returns the state it left. */
  close() {
    const was = this.stateName;
    if (this.state !== "closed") this.transitions += 1;
    const last = this.lastFailTime;
    this.reset();
    this.lastFailTime = last;
    return was;
  }

  move(to) {
    if (this.state !== to) this.transitions += 1;
    this.state = to;
  }

  /** The shape of Beacon's /health/ready `circuit_breaker_stats`. */
  stats() {
    return {
      name: this.name,
      state: this.stateName,
      failures: this.failures,
      successes: this.successes,
      requests: this.requests,
      last_fail_time: this.lastFailTime ? new Date(this.lastFailTime).toISOString() : null,
    };
  }
}
