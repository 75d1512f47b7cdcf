// Request plumbing for the fleet: JSON in and out, bearer tokens, and parameter validation with
// the same three types the service catalog gives action params (enum, integer, string).
import { createHash, timingSafeEqual } from "node:crypto";

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const MAX_BODY = 64 * 1024;

export function sendJson(res, status, body, head = false) {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(head ? undefined : text);
}

/** The request's JSON object; an empty body is `{}`. */
export async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "the body is not valid JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, "the body must be a JSON object");
  return value;
}

const digest = (s) => createHash("sha256").update(s).digest();

/** Constant-time check of `Authorization: Bearer <token>`; throws 401 otherwise. */
export function requireBearer(req, token) {
  const header = req.headers.authorization ?? "";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const ok = m !== null && timingSafeEqual(digest(m[1]), digest(token));
  if (!ok) throw new HttpError(401, header ? "the bearer token is wrong" : "missing Authorization: Bearer <token> (SITREP_FLEET_TOKEN)");
}

function coerce(name, spec, raw) {
  if (spec.type === "enum") {
    if (typeof raw !== "string" || !spec.values.includes(raw)) throw new HttpError(400, `${name} must be one of ${spec.values.join(", ")}`);
    return raw;
  }
  if (spec.type === "integer") {
    // Templated bodies ("{{replicas}}") arrive as strings: "5" is accepted as 5.
    const n = typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof n !== "number" || !Number.isInteger(n)) throw new HttpError(400, `${name} must be an integer`);
    if (n < spec.min || n > spec.max) throw new HttpError(400, `${name} must be between ${spec.min} and ${spec.max}`);
    return n;
  }
  if (typeof raw !== "string" || !new RegExp(`^(?:${spec.pattern})$`).test(raw)) throw new HttpError(400, `${name} must match ${spec.pattern}`);
  return raw;
}

/** Checks a body against a param spec: unknown fields, missing required ones and bad values are 400s. */
export function validateParams(body, specs = {}) {
  const unknown = Object.keys(body).filter((k) => !(k in specs));
  if (unknown.length) {
    const known = Object.keys(specs);
    throw new HttpError(400, `unknown field ${unknown.map((k) => `"${k}"`).join(", ")}; ${known.length ? `expected ${known.join(", ")}` : "this takes no parameters"}`);
  }
  const out = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (body[name] === undefined || body[name] === null || body[name] === "") {
      if (spec.default === undefined) throw new HttpError(400, `${name} is required`);
      out[name] = spec.default;
    } else {
      out[name] = coerce(name, spec, body[name]);
    }
  }
  return out;
}

export const enumParam = (values, extra = {}) => ({ type: "enum", values, ...extra });
export const intParam = (min, max, extra = {}) => ({ type: "integer", min, max, ...extra });
export const stringParam = (pattern, extra = {}) => ({ type: "string", pattern, ...extra });
