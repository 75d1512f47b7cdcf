// What every simulated service is made of: its metrics registry, a tick that simulates traffic,
// a health answer, its faults (each naming the admin action that recovers it) and admin actions.

/**
 * Faults a service can suffer. A definition: { title, symptoms, recovery: { action, body? },
 * params?, inject?(params), clear?(), active?() }; `body` may be a function of the fault's params. `active` derives the state from the model
 * when the model can end a fault by itself (a half-opened breaker that closes, for example).
 */
export function faultBook(defs) {
  const flags = new Map();
  const on = (name) => {
    const def = defs[name];
    if (!def) throw new Error(`no fault ${name}`);
    return def.active ? def.active() : flags.has(name);
  };
  return {
    defs,
    on,
    inject(name, params, now = Date.now()) {
      defs[name].inject?.(params);
      flags.set(name, { since: new Date(now).toISOString(), params });
    },
    /** Ends a fault (its symptoms stop); true when it was active. */
    clear(name) {
      const was = on(name);
      defs[name].clear?.();
      flags.delete(name);
      return was;
    },
    since: (name) => (on(name) ? (flags.get(name)?.since ?? null) : null),
    params: (name) => flags.get(name)?.params ?? {},
    names: () => Object.keys(defs),
  };
}

const REQUIRED = ["slug", "name", "healthPath", "registry", "faults", "admin", "tick", "health"];

export function defineService(service) {
  for (const key of REQUIRED) if (!service[key]) throw new Error(`service ${service.slug ?? "?"} lacks ${key}`);
  for (const [name, def] of Object.entries(service.faults.defs)) {
    if (!service.admin[def.recovery?.action]) throw new Error(`${service.slug}: fault ${name} names no existing recovery action`);
  }
  return {
    metricsUp: () => true,
    routes: {},
    /** back to normal operation after POST /reset: faults are cleared by the fleet, this does the rest */
    reset: () => {},
    ...service,
  };
}

/** The public description of a service for GET / (faults listed before admin actions). */
export function describeService(s, base) {
  const url = (p) => `${base}/${s.slug}${p}`;
  return {
    slug: s.slug,
    name: s.name,
    health: url(s.healthPath),
    metrics: url("/metrics"),
    faultsUrl: url("/faults"),
    faults: describeFaults(s, base),
    admin: Object.entries(s.admin).map(([name, a]) => ({ name, title: a.title, method: "POST", url: url(`/admin/${name}`), params: a.params ?? {} })),
    extra: Object.keys(s.routes).map((p) => url(p)),
  };
}

/** A recovery body may depend on the fault's params (reset the breaker that was opened). */
function recoveryBody(def, injected) {
  if (typeof def.recovery.body !== "function") return def.recovery.body ?? {};
  const defaults = Object.fromEntries(Object.entries(def.params ?? {}).map(([k, p]) => [k, p.default]));
  return def.recovery.body({ ...defaults, ...injected });
}

export function describeFaults(s, base) {
  return s.faults.names().map((name) => {
    const def = s.faults.defs[name];
    return {
      name,
      title: def.title,
      symptoms: def.symptoms,
      active: s.faults.on(name),
      since: s.faults.since(name),
      params: def.params ?? {},
      inject: `POST ${base}/${s.slug}/faults/${name}`,
      recovery: { action: def.recovery.action, url: `${base}/${s.slug}/admin/${def.recovery.action}`, body: recoveryBody(def, s.faults.params(name)) },
    };
  });
}
