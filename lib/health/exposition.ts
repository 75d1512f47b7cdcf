// A strict parser for the Prometheus text exposition format 0.0.4, written here because no npm
// package parses it correctly: parse-prometheus-text-format 1.1.1 merges labelled histograms,
// drops labelled _sum/_count and reads truncated input or HTML as "no metrics"; prom2javascript
// (one release, 2024) and @platformatic/promotel parse with regexes that skip lines they cannot
// read and reject NaN/+Inf. Prometheus' own parser (model/textparse/promparse.go) is the reference.
// Where we differ from it, we are stricter on purpose, so a bad scrape is an error, not wrong data:
// - the last line must end with "\n" (the spec requires it; Prometheus appends one): without it,
//   "requests 1234" cut to "requests 12" would be stored as a real drop. A body with no newline at
//   all ("OK", "Not Found") is reported for what it is instead.
// - labels must be separated by commas; duplicate label names fail the parse (Prometheus fails
//   the scrape too); "\r\n" line endings are refused with their own message.
// - lines of families the caller does not keep are only checked for their metric name: reading
//   the rest would cost most of the parse time for data that is thrown away.
// Graceful with OpenMetrics: "# EOF" and "# UNIT" are comments, exemplars ("# {...}") after a
// value are ignored, `_created` samples are dropped (a creation time is not a series to plot),
// `x_total` belongs to counter `x`. Quoted UTF-8 names (Prometheus 3 "allow-utf-8") are not read:
// targets only send them when a scraper asks for them.
import { isUtf8 } from "node:buffer";

export type Sample = { name: string; labels: Record<string, string>; value: number; timestampMs?: number };
export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";
export type Family = { name: string; type: MetricType; help?: string; samples: Sample[] };
export type ExpositionResult = { ok: true; families: Family[]; sampleCount: number } | { ok: false; error: string };
export type ExpositionOptions = { maxBytes?: number; maxSamples?: number; keep?: (familyName: string) => boolean };

const DEFAULT_MAX_BYTES = 1_048_576;
const DEFAULT_MAX_SAMPLES = 200_000;
/** Binary data shows itself in its first bytes; past these only NUL bytes and invalid UTF-8 are looked for. */
const SNIFF_CHARS = 1024;

const TYPES = new Map<string, MetricType>([
  ["counter", "counter"], ["gauge", "gauge"], ["histogram", "histogram"], ["summary", "summary"], ["untyped", "untyped"],
  // OpenMetrics-only types have no 0.0.4 equivalent; their samples are still worth keeping
  ["unknown", "untyped"], ["info", "untyped"], ["stateset", "untyped"], ["gaugehistogram", "untyped"],
]);
/** Which sample-name suffixes belong to a family of each type (`_created` samples are dropped). */
const SUFFIXES: Partial<Record<MetricType, string[]>> = {
  histogram: ["bucket", "sum", "count", "created"],
  summary: ["sum", "count", "created"],
  counter: ["total", "created"],
};

// Character classes of the ASCII range, looked up once per character instead of range tests
const NAME_START = 1, NAME = 2, LABEL_START = 4, LABEL = 8;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  CLASS[c] = (letter || c === 58 ? NAME_START | NAME : 0) | (digit ? NAME | LABEL : 0) | (letter ? LABEL_START | LABEL : 0);
}
const is = (c: number, cls: number) => c < 128 && (CLASS[c] & cls) !== 0;
const isSpace = (c: number) => c === 32 || c === 9;
const isDigit = (c: number) => c >= 48 && c <= 57;

class ExpositionError extends Error {}
const TRUNCATED = "truncated: the last line has no newline";

type Fam = Family & { kept: boolean; typed: boolean; seen: boolean };

export function parseExposition(input: string | Uint8Array, opts: ExpositionOptions = {}): ExpositionResult {
  const text = toText(input, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (typeof text !== "string") return text;
  const parser = new Parser(text, opts.maxSamples ?? DEFAULT_MAX_SAMPLES, opts.keep);
  try {
    const families = parser.run();
    return { ok: true, families, sampleCount: parser.sampleCount };
  } catch (e) {
    if (e instanceof ExpositionError) return { ok: false, error: e.message };
    throw e;
  }
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  return bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

/** Size and binary checks come before decoding, so a huge or binary body costs no memory. */
function toText(input: string | Uint8Array, maxBytes: number): string | { ok: false; error: string } {
  const str = typeof input === "string";
  // A string's UTF-8 size is at least its length: the cheap test first
  const size = str ? (input.length > maxBytes ? input.length : Buffer.byteLength(input)) : input.byteLength;
  if (size > maxBytes) return { ok: false, error: `larger than ${sizeText(maxBytes)} (maxBytes)` };
  const at = (i: number) => (str ? input.charCodeAt(i) : input[i]);
  const end = Math.min(input.length, SNIFF_CHARS);
  let bad = -1;
  for (let i = 0; i < end && bad < 0; i++) {
    const c = at(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) bad = i;
  }
  if (bad < 0) bad = str ? input.indexOf("\0") : input.indexOf(0);
  if (bad >= 0) return { ok: false, error: `not text: binary data at byte ${bad}` };
  if (str) return input;
  if (!isUtf8(input)) return { ok: false, error: "not text: invalid UTF-8" };
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("utf8");
}

/** Go's ParseFloat, as Prometheus reads values: decimal floats, NaN and ±Inf in any case. */
function parseValue(tok: string): number | undefined {
  const first = tok.charCodeAt(0);
  const last = tok.charCodeAt(tok.length - 1);
  // Number() also trims whitespace and reads 0x1f, 0b1 and 0o7: let it see plain decimals only
  const decimalEdges = (isDigit(first) || first === 43 || first === 45 || first === 46) && (isDigit(last) || last === 46);
  if (decimalEdges && !(first === 48 && is(tok.charCodeAt(1), LABEL_START))) {
    const v = Number(tok);
    return v === v ? v : undefined;
  }
  const lower = tok.toLowerCase();
  if (lower === "nan") return NaN;
  if (lower === "inf" || lower === "+inf" || lower === "infinity" || lower === "+infinity") return Infinity;
  return lower === "-inf" || lower === "-infinity" ? -Infinity : undefined;
}

const unescapeHelp = (s: string) => (s.includes("\\") ? s.replace(/\\([\\n])/g, (_, c: string) => (c === "n" ? "\n" : "\\")) : s);

function setLabel(labels: Record<string, string>, name: string, value: string) {
  // A plain assignment to "__proto__" would change the object's prototype instead
  if (name === "__proto__") Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
  else labels[name] = value;
}

class Parser {
  sampleCount = 0;
  private line = 0;
  private families = new Map<string, Fam>();
  /** sample name → its family (null: a dropped `_created` sample), so suffixes are worked out once */
  private resolved = new Map<string, Fam | null>();
  private lastName = "";
  private lastFam: Fam | null = null;
  /** the next backslash at or after the current label value, found once for the whole text */
  private backslash = -1;
  /** where the label value read last ended */
  private end = 0;

  constructor(private text: string, private maxSamples: number, private keep?: (name: string) => boolean) {}

  run(): Family[] {
    const { text } = this;
    for (let pos = 0; pos < text.length; ) {
      this.line++;
      let eol = text.indexOf("\n", pos);
      if (eol < 0) {
        eol = text.length;
        // An HTML page seldom ends with a newline: say what it is rather than "truncated"
        if (this.line > 1 && !this.pageKind(pos, eol)) throw new ExpositionError(TRUNCATED);
      }
      this.parseLine(pos, eol);
      pos = eol + 1;
    }
    if (text.length && text.charCodeAt(text.length - 1) !== 10) throw new ExpositionError(TRUNCATED);
    const out: Family[] = [];
    for (const { name, type, help, samples } of this.families.values()) {
      if (samples.length) out.push(help === undefined ? { name, type, samples } : { name, type, help, samples });
    }
    return out;
  }

  private fail(message: string): never {
    throw new ExpositionError(`line ${this.line}: ${message}`);
  }

  private parseLine(start: number, eol: number) {
    const { text } = this;
    const p = this.skipSpaces(start, eol);
    if (p === eol) return;
    if (text.charCodeAt(p) === 35) return this.comment(p + 1, eol);
    if (text.charCodeAt(eol - 1) === 13) this.fail("Windows line ending (\\r\\n); lines must end with \\n alone");
    this.sample(p, eol);
  }

  private scanName(p: number, eol: number): number {
    if (p >= eol || !is(this.text.charCodeAt(p), NAME_START)) return p;
    while (++p < eol && is(this.text.charCodeAt(p), NAME));
    return p;
  }

  /** "# HELP name text" and "# TYPE name type"; any other comment is skipped, as Prometheus does. */
  private comment(p: number, eol: number) {
    const { text } = this;
    if (!isSpace(text.charCodeAt(p))) return;
    p = this.skipSpaces(p, eol);
    const kind = text.startsWith("HELP", p) ? "HELP" : text.startsWith("TYPE", p) ? "TYPE" : null;
    if (!kind || !isSpace(text.charCodeAt(p + 4)) || p + 4 >= eol) return;
    p = this.skipSpaces(p + 4, eol);
    const nameEnd = this.scanName(p, eol);
    if (nameEnd === p || (nameEnd < eol && !isSpace(text.charCodeAt(nameEnd)))) {
      this.fail(`${kind} line without a valid metric name: ${JSON.stringify(text.slice(p, eol).slice(0, 60))}`);
    }
    const name = text.slice(p, nameEnd);
    // Exactly one separator; the rest is the text, kept verbatim like Prometheus does
    const rest = nameEnd < eol ? text.slice(nameEnd + 1, eol) : "";
    if (kind === "TYPE") return this.declareType(name, rest);
    const fam = this.families.get(name) ?? this.addFamily(name, "untyped", false, true);
    fam.help ??= unescapeHelp(rest);
  }

  private declareType(name: string, word: string) {
    const type = TYPES.get(word.trimEnd());
    if (!type) this.fail(`unknown metric type ${JSON.stringify(word)} for ${name}`);
    const fam = this.families.get(name);
    if (!fam) return void this.addFamily(name, type, true, true);
    if (fam.typed && fam.type !== type) this.fail(`second TYPE line for ${name}`);
    if (fam.seen && fam.type !== type) this.fail(`TYPE line for ${name} comes after its samples`);
    fam.type = type;
    fam.typed = true;
    this.resolved.clear();
    this.lastName = "";
  }

  private addFamily(name: string, type: MetricType, typed: boolean, declared: boolean): Fam {
    const fam: Fam = { name, type, samples: [], typed, seen: false, kept: this.keep ? this.keep(name) : true };
    this.families.set(name, fam);
    // A declared family can claim suffixed names that were resolved before it existed
    if (declared) {
      this.resolved.clear();
      this.lastName = "";
    }
    return fam;
  }

  private resolve(name: string): Fam | null {
    const known = this.resolved.get(name);
    if (known !== undefined) return known;
    let fam: Fam | null | undefined = this.families.get(name);
    const cut = name.lastIndexOf("_");
    if (!fam && cut > 0) {
      const base = this.families.get(name.slice(0, cut));
      const suffix = name.slice(cut + 1);
      if (base && SUFFIXES[base.type]?.includes(suffix)) fam = suffix === "created" ? null : base;
    }
    if (fam === undefined) fam = this.addFamily(name, "untyped", false, false);
    this.resolved.set(name, fam);
    return fam;
  }

  private sample(p: number, eol: number) {
    const { text, lastName } = this;
    let fam = this.lastFam;
    let q = p + lastName.length;
    // Consecutive lines mostly share a name: compare in place instead of slicing a new string
    if (!lastName || !text.startsWith(lastName, p) || is(text.charCodeAt(q), NAME)) {
      q = this.scanName(p, eol);
      if (q === p) this.notAMetric(p, eol);
      this.lastName = text.slice(p, q);
      fam = this.lastFam = this.resolve(this.lastName);
    }
    if (!fam) return;
    fam.seen = true;
    if (fam.kept) this.sampleRest(fam, this.lastName, q, eol);
  }

  /** An error page or an API answer where metrics were expected: worth saying so. */
  private pageKind(p: number, eol: number): "HTML" | "JSON" | null {
    const c = this.text.charCodeAt(this.skipSpaces(p, eol));
    return c === 60 ? "HTML" : c === 123 || c === 91 ? "JSON" : null;
  }

  private notAMetric(p: number, eol: number): never {
    const kind = this.pageKind(p, eol);
    if (kind) throw new ExpositionError(`looks like ${kind}, not Prometheus metrics (line ${this.line})`);
    this.fail(`expected a metric name, found ${JSON.stringify(this.text.slice(p, Math.min(eol, p + 40)))}`);
  }

  private skipSpaces(p: number, eol: number): number {
    while (p < eol && isSpace(this.text.charCodeAt(p))) p++;
    return p;
  }

  private sampleRest(fam: Fam, name: string, p: number, eol: number) {
    const { text } = this;
    const labels: Record<string, string> = {};
    p = this.skipSpaces(p, eol);
    if (text.charCodeAt(p) === 123) p = this.skipSpaces(this.labels(p + 1, eol, name, labels), eol);
    const start = p;
    while (p < eol && !isSpace(text.charCodeAt(p))) p++;
    if (p === start) this.fail(`no value after metric ${name}`);
    const value = parseValue(text.slice(start, p));
    if (value === undefined) this.fail(`invalid value ${JSON.stringify(text.slice(start, p))} for metric ${name}`);
    const sample: Sample = { name, labels, value };
    p = this.skipSpaces(p, eol);
    // "#" starts an OpenMetrics exemplar, which we do not keep
    if (p < eol && text.charCodeAt(p) !== 35) {
      const tsStart = p;
      while (p < eol && !isSpace(text.charCodeAt(p))) p++;
      const tok = text.slice(tsStart, p);
      const ts = Number(tok);
      if (!/^\d+$/.test(tok) || !Number.isSafeInteger(ts)) this.fail(`invalid timestamp ${JSON.stringify(tok)} for metric ${name}`);
      sample.timestampMs = ts;
      p = this.skipSpaces(p, eol);
      if (p < eol && text.charCodeAt(p) !== 35) this.fail(`unexpected text after the timestamp of ${name}: ${JSON.stringify(text.slice(p, eol))}`);
    }
    if (++this.sampleCount > this.maxSamples) throw new ExpositionError(`more than ${this.maxSamples} samples (maxSamples)`);
    fam.samples.push(sample);
  }

  /** Reads `name="value", ...}` and returns the position after the closing brace. */
  private labels(p: number, eol: number, metric: string, out: Record<string, string>): number {
    const { text } = this;
    for (;;) {
      p = this.skipSpaces(p, eol);
      if (p >= eol) this.fail(`label set of ${metric} is not closed`);
      if (text.charCodeAt(p) === 125) return p + 1;
      const start = p;
      if (!is(text.charCodeAt(p), LABEL_START)) this.fail(`invalid label name in metric ${metric}: ${JSON.stringify(text.slice(p, Math.min(eol, p + 20)))}`);
      while (++p < eol && is(text.charCodeAt(p), LABEL));
      const label = text.slice(start, p);
      p = this.skipSpaces(p, eol);
      if (text.charCodeAt(p) !== 61) this.fail(`expected "=" after label ${label} of metric ${metric}`);
      p = this.skipSpaces(p + 1, eol);
      if (text.charCodeAt(p) !== 34 || p >= eol) this.fail(`expected a quoted value for label ${label} of metric ${metric}`);
      const value = this.labelValue(p + 1, eol);
      if (Object.hasOwn(out, label)) this.fail(`label ${label} appears twice in metric ${metric}`);
      setLabel(out, label, value);
      p = this.skipSpaces(this.end, eol);
      const c = text.charCodeAt(p);
      if (c === 44) p++;
      else if (c !== 125) this.fail(p >= eol ? `label set of ${metric} is not closed` : `expected "," or "}" after label ${label} of metric ${metric}`);
    }
  }

  /** A quoted value from after its opening quote; sets `end` after the closing quote. */
  private labelValue(p: number, eol: number): string {
    const { text } = this;
    const quote = text.indexOf('"', p);
    if (this.backslash < p) {
      this.backslash = text.indexOf("\\", p);
      if (this.backslash < 0) this.backslash = text.length;
    }
    if (quote >= 0 && quote < eol && quote < this.backslash) {
      this.end = quote + 1;
      return text.slice(p, quote);
    }
    // Escapes: \\, \" and \n; Prometheus keeps any other backslash as it is
    let value = "";
    let seg = p;
    for (let i = p; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.end = i + 1;
        return value + text.slice(seg, i);
      }
      if (c !== 92 || i + 1 >= eol) continue;
      const n = text.charCodeAt(++i);
      value += text.slice(seg, i - 1) + (n === 110 ? "\n" : n === 92 ? "\\" : n === 34 ? '"' : text.slice(i - 1, i + 1));
      seg = i + 1;
    }
    this.fail("unterminated label value");
  }
}
