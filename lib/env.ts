// All of Sitrep's configuration, read and validated once. Nothing else reads process.env.
import { z } from "zod";
import { parseAllowedHosts } from "@/scripts/host-allowlist.mjs";

const roleName = z.enum(["viewer", "responder", "admin"]);
const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
// "15s", "1m", "500ms" or a number of seconds, in milliseconds.
const durationMs = (fallback: string, min: number) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
      const ms = m ? Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? "s") as "ms" | "s" | "m"]) : NaN;
      if (!(ms >= min)) {
        ctx.addIssue({ code: "custom", message: `must be a duration of at least ${min / 1000} s, like "15s" or "1m"` });
        return z.NEVER;
      }
      return ms;
    });

/**
 * "key=value" pairs, comma-separated, each value checked by `value`; `expected` says what a pair
 * should look like when one is not. Keys go through `key` (case folding).
 */
function pairMap<V extends string>(fallback: string, value: z.ZodType<V>, expected: string, key = (k: string) => k) {
  return z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const map: Record<string, V> = {};
      for (const pair of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
        const [k, v] = pair.split("=").map((s) => s.trim());
        const parsed = value.safeParse(v);
        if (!k || !parsed.success) {
          ctx.addIssue({ code: "custom", message: `expected ${expected}; "${pair}" is not one` });
          return z.NEVER;
        }
        map[key(k)] = parsed.data;
      }
      return map;
    });
}

// "claim value → role" pairs: "sitrep-admins=admin,oncall=responder"
const roleMap = pairMap("", roleName, '"value=role" pairs with role viewer, responder or admin');

const severityName = z.enum(["P1", "P2", "P3", "P4"]);

// "label value → severity" pairs: "critical=P1,warning=P3"; values are matched case-insensitively.
const severityMap = pairMap(
  "critical=P1,page=P1,high=P2,error=P2,major=P2,warning=P3,warn=P3,minor=P3,info=P4,low=P4,none=P4",
  z.string().transform((v) => v.toUpperCase()).pipe(severityName),
  '"label=P1".."label=P4" pairs',
  (k) => k.toLowerCase(),
);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // The port scripts/server.mjs listens on (it checks it): only for links without SITREP_PUBLIC_URL.
    PORT: z.coerce.number().int().min(1).max(65_535).catch(3000),
    DATABASE_URL: z
      .string({ error: "is not set: it must be a postgresql:// URL (npm start sets it for the embedded database)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    DATABASE_POOL_SIZE: positiveInt(10),
    // Optional here so command-line tools (audit:verify) need only DATABASE_URL; the server
    // refuses to start without it (requireServerEnv).
    AUTH_SECRET: z.string().min(16, "must be at least 16 characters; generate one with `openssl rand -base64 32`").optional(),
    AUTH_OIDC_ISSUER: z.url("must be the issuer URL, e.g. https://login.example.com/realms/ops").optional(),
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
    AUTH_OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
    AUTH_OIDC_SCOPE: z.string().regex(/(^|\s)openid(\s|$)/, 'must include "openid", e.g. "openid email profile groups"').default("openid email profile"),
    AUTH_OIDC_ROLE_MAP: roleMap,
    AUTH_OIDC_DEFAULT_ROLE: z.enum(["viewer", "responder", "admin", "none"]).default("viewer"),
    SITREP_LOGIN_MAX_FAILURES: positiveInt(5),
    SITREP_LOGIN_MAX_FAILURES_PER_IP: positiveInt(50),
    SITREP_LOGIN_WINDOW_MINUTES: positiveInt(15),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    SITREP_DEMO: flag,
    SITREP_CATALOG: z.string().min(1).optional(),
    SITREP_POLLER: z.enum(["on", "off"]).default("on"),
    // Checks in flight per lane (fast, slow): "auto" sizes the lanes to the catalog (64–1024).
    SITREP_POLL_CONCURRENCY: z
      .union([z.literal("auto"), z.coerce.number().int().positive()], { error: 'must be "auto" or a positive whole number' })
      .default("auto"),
    SITREP_POLL_MAX_BYTES: positiveInt(1_048_576),
    SITREP_RULES_INTERVAL: durationMs("15s", 1000),
    SITREP_HEALTH_RETENTION_DAYS: positiveInt(7),
    // Seals admin-entered notification webhook URLs and signing secrets; AUTH_SECRET when unset.
    SITREP_SECRETS_KEY: z.string().min(16, "must be at least 16 characters; generate one with `openssl rand -base64 32`").optional(),
    // The address people open Sitrep at: links in notifications point there.
    SITREP_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be the http(s):// address people open Sitrep at, e.g. https://sitrep.example.com" }).optional(),
    SITREP_TRUST_PROXY: flag,
    // Extra Host names the server answers to (scripts/host-allowlist.mjs, read by scripts/server.mjs).
    SITREP_ALLOWED_HOSTS: z
      .string()
      .optional()
      .superRefine((raw, ctx) => {
        try {
          parseAllowedHosts(raw);
        } catch (e) {
          ctx.addIssue({ code: "custom", message: (e as Error).message.replace(/^SITREP_ALLOWED_HOSTS: /, "") });
        }
      }),
    SITREP_ALERTMANAGER_TOKEN: z.string().min(16, "must be at least 16 characters; generate one with `openssl rand -hex 24`").optional(),
    SITREP_ALERT_SEVERITY_MAP: severityMap,
    SITREP_ALERT_DEFAULT_SEVERITY: severityName.default("P3"),
    // lib/notifications/address.ts: admin-entered channels may point at loopback, private,
    // link-local and multicast addresses only when this is set (a receiver inside your network).
    SITREP_NOTIFY_ALLOW_PRIVATE: flag,
    SITREP_ALERT_ON_RESOLVED: z.enum(["mitigate", "resolve", "none"], { error: "must be mitigate, resolve or none" }).default("mitigate"),
    // lib/tx-guard.ts: what the global Prisma client does when used inside a transaction.
    // Unset: throw in development and tests, warn (log once per call site) in production.
    SITREP_TX_GUARD: z.enum(["throw", "warn", "off"], { error: "must be throw, warn or off" }).optional(),
    // A new alert group joins an open incident of its service (service), or also of a service it depends on or that depends on it (dependencies).
    SITREP_ALERT_ATTACH: z.enum(["dependencies", "service", "off"], { error: "must be dependencies, service or off" }).default("dependencies"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_ID, env.AUTH_OIDC_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ISSUER"],
        message: "AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET must be set together (or none of them)",
      });
    }
  });

export type Env = z.infer<typeof schema> & { oidcEnabled: boolean; SITREP_TX_GUARD: "throw" | "warn" | "off" };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Sitrep's configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in a .env file with `NAME=`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const data = result.data;
  const txGuard = data.SITREP_TX_GUARD ?? (data.NODE_ENV === "production" ? "warn" : "throw");
  return { ...data, SITREP_TX_GUARD: txGuard, oidcEnabled: Boolean(data.AUTH_OIDC_ISSUER) };
}

/** What the web server needs on top of what every tool needs. */
export function requireServerEnv(env: Env): Env & { AUTH_SECRET: string } {
  if (!env.AUTH_SECRET) {
    throw new ConfigError(["AUTH_SECRET: is not set: generate one with `openssl rand -base64 32` (npm start creates one for you)"]);
  }
  return env as Env & { AUTH_SECRET: string };
}

// Variables a catalog may not interpolate with ${NAME}: they would end up on screen (health
// URLs are shown). Actions take secrets as ${env:NAME}, resolved only when they run.
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL|^DATABASE_URL$|^AUTH_/i;

/** The environment variables a catalog's ${NAME} references may use, secrets left out. */
export function catalogVars(source: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([k]) => !SECRET_NAME.test(k)));
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Where recovery actions resolve `${env:NAME}` secrets and commands' allowlisted variables:
 * the process environment, read at the moment an action runs (never stored, never shown).
 */
export function actionEnv(): Record<string, string | undefined> {
  return process.env;
}
