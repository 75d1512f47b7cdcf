// Deliveries for the webhook fuzzer (webhook.fuzz.test.ts), built from valid notifications by
// fast-check. `malformedDelivery` is refused by construction, at a known layer (token, content
// type, size, encoding, JSON, shape), so a case Sitrep accepts is a hole in the checks, not noise.
// `edgyDelivery` may be valid: strange but legal content, where the schema decides.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { amNotification, type AmAlertInput } from "@/lib/alerts/testing";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];
/** `body`: text, raw bytes, or a stream of this many bytes (no content-length: read until the limit) */
export type Delivery = { kind: string; headers: Record<string, string>; body: string | Uint8Array | { streamBytes: number } };

export const FUZZ_TOKEN = "fuzz-token-0123456789abcdef";
const GOOD_HEADERS = { authorization: `Bearer ${FUZZ_TOKEN}`, "content-type": "application/json" };
const LIMIT = 1_048_576;

// Group keys differ from run to run (the rest replays from the seed): a valid delivery that a
// previous run stored would come back as a repeat, and repeats write nothing.
const RUN = randomUUID().slice(0, 8);
/** Every group key this run's deliveries carry starts with it (the test removes them afterwards). */
export const FUZZ_GROUP_PREFIX = `{}:{fuzz="${RUN}-`;
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/).filter((n) => n !== "alertname");
// Names Object.prototype has: a lookup in a plain object by label value must not find them.
const PROTO_WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];
const labelValue = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("critical", "warning", "info", "P2", ...PROTO_WORDS));
const alertInput: fc.Arbitrary<AmAlertInput> = fc.record({
  alertname: fc.stringMatching(/^[A-Z][A-Za-z0-9]{2,24}$/),
  status: fc.constantFrom("firing" as const, "resolved" as const),
  labels: fc.dictionary(labelName, labelValue, { maxKeys: 5 }),
  annotations: fc.dictionary(fc.constantFrom("summary", "description", "runbook_url", "note"), fc.string({ maxLength: 60 }), { maxKeys: 3 }),
});
export const validNotification: fc.Arbitrary<Json> = fc
  .tuple(fc.uuid(), fc.array(alertInput, { minLength: 1, maxLength: 4 }))
  .map(([id, alerts]) => amNotification(`${FUZZ_GROUP_PREFIX}${id}"}`, alerts) as unknown as Json);

const clone = <T>(v: T): T => structuredClone(v);
const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Every value in the payload with its path: the root, objects, arrays and leaves. */
export function slots(v: Json, path: Path = []): { path: Path; value: Json }[] {
  const here = [{ path, value: v }];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => slots(x, [...path, i]))];
  if (v && typeof v === "object") return [...here, ...Object.entries(v).flatMap(([k, x]) => slots(x, [...path, k]))];
  return here;
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  if (!path.length) return value ?? null;
  const copy = clone(root) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as Json;
}

const body = (kind: string, payload: Json, headers: Record<string, string> = GOOD_HEADERS): Delivery => ({ kind, headers, body: JSON.stringify(payload) });
const anyJson = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 20 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));

/** A value of another JSON type at any path: the schema has no unions, so each is wrong. */
const wrongType = validNotification.chain((p) => fc.tuple(fc.constantFrom(...slots(p)), anyJson)
  .filter(([slot, v]) => typeOf(v) !== typeOf(slot.value))
  .map(([slot, v]) => body(`wrong type at ${slot.path.join(".") || "the root"}`, setAt(p, slot.path, v))));

const REQUIRED: Path[] = [["version"], ["groupKey"], ["status"], ["alerts"], ["alerts", 0, "status"], ["alerts", 0, "labels"], ["alerts", 0, "startsAt"], ["alerts", 0, "fingerprint"], ["alerts", 0, "labels", "alertname"]];
const missing = fc.tuple(validNotification, fc.constantFrom(...REQUIRED)).map(([p, path]) => body(`missing ${path.join(".")}`, setAt(p, path, undefined)));

const ROOT_KEYS = ["version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts"];
const ALERT_KEYS = ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"];
const unknownField = fc.tuple(validNotification, fc.constantFrom<Path>([], ["alerts", 0]), fc.stringMatching(/^[a-zA-Z_]{1,12}$/), anyJson)
  .filter(([, at, key]) => !(at.length ? ALERT_KEYS : ROOT_KEYS).includes(key))
  .map(([p, at, key, v]) => body(`unknown field ${[...at, key].join(".")}`, setAt(p, [...at, key], v)));

const BAD_DATES = ["", "yesterday", "2026-12-02", "2026-12-02T01:00:00", "2026-12-02 01:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-02T25:00:00Z", "1733101200", "0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:00:00-02:00", "+012026-12-02T01:00:00Z"];
const big = (n: number, unit = "x") => unit.repeat(Math.ceil(n / unit.length));
/** A string no slot accepts here: wrong for its enum, pattern or date, too long, or not clean text. */
const badString = validNotification.chain((p) => fc.oneof(
  fc.tuple(fc.constantFrom<Path>(["version"]), fc.constantFrom("3", "", "4 ", "v4", "04")),
  fc.tuple(fc.constantFrom<Path>(["status"], ["alerts", 0, "status"]), fc.constantFrom("", "Firing", "active", "suppressed", "firing ")),
  fc.tuple(fc.constantFrom<Path>(["alerts", 0, "fingerprint"]), fc.constantFrom("", "not-hex!", big(65, "a"), "ab cd")),
  fc.tuple(fc.constantFrom<Path>(["alerts", 0, "startsAt"], ["alerts", 0, "endsAt"]), fc.constantFrom(...BAD_DATES)),
  fc.tuple(fc.constantFrom<Path>(["groupKey"], ["alerts", 0, "labels", "alertname"]), fc.constant("")),
  fc.tuple(fc.constantFrom<Path>(["groupKey"], ["externalURL"], ["alerts", 0, "generatorURL"]), fc.integer({ min: 4_097, max: 20_000 }).map((n) => big(n))),
  fc.tuple(fc.constantFrom<Path>(["groupKey"]), fc.integer({ min: 1_001, max: 2_048 }).map((n) => big(n, "é"))),
  fc.tuple(fc.constantFrom<Path>(["receiver"]), fc.constant(big(257))),
  fc.tuple(fc.constantFrom<Path>(["alerts", 0, "labels", "alertname"], ["alerts", 0, "annotations", "summary"], ["commonLabels", "x"]), fc.constant(big(8_193, "é"))),
).map(([path, v]) => body(`bad string at ${path.join(".")}`, setAt(p, path, v))));

/** NUL or a lone surrogate (not Unicode: PostgreSQL refuses both) inside any string or label name. */
const dirtyText = validNotification.chain((p) => {
  const strings = slots(p).filter((s) => typeof s.value === "string");
  return fc.tuple(fc.constantFrom(...strings), fc.oneof(fc.constant("\u0000"), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))), fc.nat(), fc.boolean())
    .map(([slot, bad, at, inKey]) => {
      const s = slot.value as string;
      const dirty = s.slice(0, at % (s.length + 1)) + bad + s.slice(at % (s.length + 1));
      const labels = ["alerts", 0, "labels"];
      if (!inKey) return body(`${JSON.stringify(bad)} in ${slot.path.join(".")}`, setAt(p, slot.path, dirty));
      return body(`${JSON.stringify(bad)} in a label name`, setAt(p, [...labels, `a${bad}b`], "v"));
    });
});

const badCollections = validNotification.chain((p) => fc.oneof(
  fc.constant(body("no alerts", setAt(p, ["alerts"], []))),
  fc.constant(body("201 labels", setAt(p, ["alerts", 0, "labels"], { alertname: "Many", ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`l${i}`, "v"])) }))),
  fc.constant(body("an empty label name", setAt(p, ["alerts", 0, "labels", ""], "v"))),
  fc.constant(body("a label name over 256 characters", setAt(p, ["commonLabels", big(257)], "v"))),
  fc.constantFrom(-1, 1.5, -0.5).map((n) => body(`truncatedAlerts ${n}`, setAt(p, ["truncatedAlerts"], n))),
));

/** Deeply nested arrays or objects in place of any value. */
const deep = validNotification.chain((p) => fc.tuple(fc.constantFrom(...slots(p)), fc.oneof({ arbitrary: fc.integer({ min: 2, max: 2_000 }), weight: 19 }, { arbitrary: fc.integer({ min: 50_000, max: 100_000 }), weight: 1 }), fc.boolean()).map(([slot, depth, arrays]) => {
  const nested = arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "{}" + "}".repeat(depth);
  const marker = "__DEEP__";
  return { kind: `nested ${depth} deep at ${slot.path.join(".") || "the root"}`, headers: GOOD_HEADERS, body: JSON.stringify(setAt(p, slot.path, marker)).replace(`"${marker}"`, nested) } satisfies Delivery;
}));

const enc = new TextEncoder();
const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];
/** Broken text: cut short, raw control characters, bytes that are not UTF-8, or noise. */
const brokenBody = validNotification.chain((p) => {
  const text = JSON.stringify(p);
  return fc.oneof(
    fc.integer({ min: 0, max: text.length - 1 }).map((n) => ({ kind: `cut at ${n}`, headers: GOOD_HEADERS, body: text.slice(0, n) })),
    fc.tuple(fc.integer({ min: 0, max: 0x1f }), fc.nat()).map(([c, at]) => {
      const quote = [...text.matchAll(/":"/g)].map((m) => m.index! + 3);
      const i = quote[at % quote.length];
      return { kind: `raw control character ${c}`, headers: GOOD_HEADERS, body: text.slice(0, i) + String.fromCharCode(c) + text.slice(i) };
    }),
    fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([bytes, at]) => {
      const raw = enc.encode(text);
      const i = 1 + (at % (raw.length - 1));
      return { kind: `invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(" ")}`, headers: GOOD_HEADERS, body: new Uint8Array([...raw.slice(0, i), ...bytes, ...raw.slice(i)]) };
    }),
    fc.uint8Array({ maxLength: 200 }).map((b) => ({ kind: "random bytes", headers: GOOD_HEADERS, body: b })),
    fc.jsonValue({ maxDepth: 4 }).map((v) => body("random JSON", v as Json)),
    fc.constantFrom("", " ", "null", "[]", "{}", '"4"', "[{}]").map((t) => ({ kind: `body ${JSON.stringify(t)}`, headers: GOOD_HEADERS, body: t })),
  );
});

/** Over 1 MB: declared by content-length, or streamed without one, or declared and lying. */
const oversized = fc.tuple(validNotification, fc.integer({ min: LIMIT + 1, max: LIMIT + 60_000 }), fc.constantFrom("declared", "streamed", "declared only")).map(([p, size, how]): Delivery => {
  if (how === "streamed") return { kind: `${size} bytes streamed`, headers: GOOD_HEADERS, body: { streamBytes: size } };
  const text = JSON.stringify(setAt(p, ["commonAnnotations", "padding"], big(size)));
  if (how === "declared only") return { kind: `declares ${size} bytes`, headers: { ...GOOD_HEADERS, "content-length": String(size) }, body: "{}" };
  return { kind: `${text.length} bytes declared`, headers: { ...GOOD_HEADERS, "content-length": String(enc.encode(text).byteLength) }, body: text };
});

/** A valid notification, sent without the token (or a wrong one) or as something other than JSON. */
const NO_HEADER = null;
const authorization: fc.Arbitrary<string | null> = fc.oneof(
  fc.constantFrom(NO_HEADER, "", "Bearer", "Bearer ", `Basic ${Buffer.from(`u:${FUZZ_TOKEN}`).toString("base64")}`, `Bearer ${FUZZ_TOKEN}x`, `Bearer ${FUZZ_TOKEN.slice(0, -1)}`, `Token ${FUZZ_TOKEN}`, FUZZ_TOKEN),
  fc.string({ maxLength: 40 }).filter((t) => t.trim() !== FUZZ_TOKEN && !/[^\t\x20-\x7e]/.test(t)).map((t) => `Bearer ${t}`),
);
const contentType = fc.constantFrom(NO_HEADER, "", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json", "application/xml", "application/jsonp");
const badHeaders = fc.tuple(validNotification, fc.oneof(authorization.map((v) => ["authorization", v] as const), contentType.map((v) => ["content-type", v] as const)))
  .map(([p, [name, value]]): Delivery => {
    const headers: Record<string, string> = { ...GOOD_HEADERS };
    if (value === NO_HEADER) delete headers[name];
    else headers[name] = value;
    return { kind: `${name} ${JSON.stringify(value)}`, headers, body: JSON.stringify(p) };
  });

export const malformedDelivery: fc.Arbitrary<Delivery> = fc.oneof(
  { arbitrary: wrongType, weight: 6 }, { arbitrary: missing, weight: 2 }, { arbitrary: unknownField, weight: 2 }, { arbitrary: badString, weight: 4 },
  { arbitrary: dirtyText, weight: 3 }, { arbitrary: badCollections, weight: 1 }, { arbitrary: deep, weight: 1 }, { arbitrary: brokenBody, weight: 4 },
  { arbitrary: badHeaders, weight: 2 }, { arbitrary: oversized, weight: 1 },
);

// Strange but possibly legal: where these cross the line is the schema's business (the fuzzer's
// oracle asks it); past the line, nothing may fail. Long texts end in characters outside the
// BMP so that a cut at any length splits a surrogate pair.
type Tweak = { name: string; apply: (p: Json) => Json };
const astral = (n: number, lead = "") => lead + "😀".repeat(Math.ceil(n / 2));
const tweak = (name: string, arb: fc.Arbitrary<(p: Json) => Json>) => arb.map((apply): Tweak => ({ name, apply }));
const first = (p: Json, path: Path, v: Json | undefined) => setAt(p, ["alerts", 0, ...path], v);
const EDGE_DATES = ["0001-01-01T00:00:00Z", "0000-06-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:59:59Z", "9999-12-31T23:00:00-02:00", "2026-12-02T01:00:00.123456789Z", "2026-12-02T01:00:00+14:00", "1970-01-01T00:00:00Z"];
const TWEAKS: fc.Arbitrary<Tweak>[] = [
  tweak("unicode labels", fc.dictionary(fc.string({ unit: "binary", minLength: 1, maxLength: 12 }), fc.string({ unit: "binary", maxLength: 40 }), { maxKeys: 4 }).map((l) => (p) => first(p, ["labels"], { ...l, alertname: "Unicode" }))),
  tweak("unicode annotations", fc.dictionary(fc.constantFrom("summary", "description", "title", "message"), fc.string({ unit: "binary", maxLength: 80 })).map((a) => (p) => first(p, ["annotations"], a))),
  tweak("a lone surrogate", fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => (p) => first(p, ["annotations", "summary"], `x${String.fromCharCode(c)}y`))),
  tweak("a severity named like a prototype member", fc.constantFrom(...PROTO_WORDS, "CRITICAL", "p1", " P2 ", "").map((s) => (p) => first(p, ["labels", "severity"], s))),
  tweak("an edge date", fc.tuple(fc.constantFrom("startsAt", "endsAt"), fc.constantFrom(...EDGE_DATES)).map(([k, d]) => (p) => first(p, [k], d))),
  tweak("a long alertname", fc.integer({ min: 150, max: 8_192 }).map((n) => (p) => first(p, ["labels", "alertname"], astral(n, "A")))),
  tweak("a long summary", fc.integer({ min: 400, max: 8_192 }).map((n) => (p) => first(p, ["annotations", "summary"], astral(n, "s")))),
  tweak("a long common summary", fc.integer({ min: 150, max: 8_192 }).map((n) => (p) => setAt(p, ["commonAnnotations", "summary"], astral(n, "c")))),
  tweak("a long service label", fc.integer({ min: 150, max: 8_192 }).map((n) => (p) => first(p, ["labels", "service"], astral(n, "v")))),
  tweak("a long description", fc.integer({ min: 5_000, max: 8_192 }).map((n) => (p) => setAt(p, ["commonAnnotations", "description"], astral(n, "d")))),
  // Random text: a repeated character compresses, and would pass PostgreSQL's index size limit anyway.
  tweak("a long group key", fc.string({ unit: "grapheme", minLength: 500, maxLength: 4_000 }).map((k) => (p) => setAt(p, ["groupKey"], `${(p as { groupKey: string }).groupKey}${k}`))),
  tweak("a long runbook_url", fc.integer({ min: 2_000, max: 8_192 }).map((n) => (p) => first(p, ["annotations", "runbook_url"], `https://wiki.example/${"r".repeat(n)}`))),
  tweak("optional fields left out", fc.subarray(["truncatedAlerts", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL"]).map((keys) => (p) => keys.reduce((q, k) => setAt(q, [k], undefined), p))),
  tweak("alert fields left out", fc.subarray(["annotations", "endsAt", "generatorURL"]).map((keys) => (p) => keys.reduce((q, k) => first(q, [k], undefined), p))),
  tweak("the same alert twice", fc.constant((p) => setAt(p, ["alerts"], [...(p as { alerts: Json[] }).alerts, clone((p as { alerts: Json[] }).alerts[0])]))),
  tweak("many alerts", fc.integer({ min: 20, max: 60 }).map((n) => (p) => {
    const a = (p as { alerts: Record<string, Json>[] }).alerts[0];
    return setAt(p, ["alerts"], Array.from({ length: n }, (_, i) => ({ ...a, fingerprint: `${i.toString(16)}f${a.fingerprint}`.slice(0, 64) })));
  })),
  tweak("a prototype-named label", fc.constantFrom(...PROTO_WORDS).map((k) => (p) => first(p, ["labels", k], "x"))),
];

const HEADER_VARIANTS = [GOOD_HEADERS, { ...GOOD_HEADERS, "content-type": "application/json; charset=utf-8" }, { ...GOOD_HEADERS, authorization: `bearer   ${FUZZ_TOKEN} ` }];
export const edgyDelivery: fc.Arbitrary<Delivery> = fc
  .tuple(validNotification, fc.array(fc.oneof(...TWEAKS), { minLength: 1, maxLength: 3 }), fc.constantFrom(...HEADER_VARIANTS), fc.boolean())
  .map(([p, tweaks, headers, bom]) => {
    const text = JSON.stringify(tweaks.reduce((q, t) => t.apply(q), p));
    return { kind: tweaks.map((t) => t.name).join(" + "), headers, body: bom ? `\uFEFF${text}` : text };
  });
