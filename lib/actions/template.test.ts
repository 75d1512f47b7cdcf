import { describe, expect, it } from "vitest";
import { httpExecutor } from "./http-executor";
import { maskCutTail, maskSecrets, MASK } from "./mask";
import { createTemplate, TemplateError } from "./template";
import { actionOf } from "./testing";

const TOKEN = "s3cr3t-fleet-token/with+chars";
const env = { SITREP_FLEET_TOKEN: TOKEN };

describe("templates", () => {
  it("percent-encodes substituted values in a URL, and only them", () => {
    const t = createTemplate({ queue: "dead letter/../&x=1", n: 5 }, {}, "execute");
    expect(t.text("http://h.invalid/q/{{queue}}?limit={{n}}&a=b", { url: true })).toBe("http://h.invalid/q/dead%20letter%2F..%2F%26x%3D1?limit=5&a=b");
  });

  it("keeps a body leaf that is exactly {{n}} typed, and substitutes text elsewhere", () => {
    const t = createTemplate({ limit: 100, service: "yagna" }, {}, "execute");
    const body = { limit: "{{limit}}", note: "limit {{limit}} for {{service}}", nested: [{ s: "{{ service }}" }], keep: true, n: 3 };
    expect(t.json(body)).toEqual({ limit: 100, note: "limit 100 for yagna", nested: [{ s: "yagna" }], keep: true, n: 3 });
  });

  it("resolves ${env:NAME} from the env object given, never from process.env", () => {
    process.env.SITREP_TEMPLATE_TEST_SECRET = "from-process-env";
    const t = createTemplate({}, env, "execute");
    expect(t.text("Bearer ${env:SITREP_FLEET_TOKEN}")).toBe(`Bearer ${TOKEN}`);
    expect(() => t.text("${env:SITREP_TEMPLATE_TEST_SECRET}")).toThrow("SITREP_TEMPLATE_TEST_SECRET is not set on this Sitrep instance");
    delete process.env.SITREP_TEMPLATE_TEST_SECRET;
    expect(t.secrets()).toEqual({ names: ["SITREP_FLEET_TOKEN", "SITREP_TEMPLATE_TEST_SECRET"], values: [TOKEN], missing: ["SITREP_TEMPLATE_TEST_SECRET"] });
  });

  it("a missing secret is a clear error at execution, and a listed gap in preview", () => {
    expect(() => createTemplate({}, {}, "execute").text("Bearer ${env:SITREP_FLEET_TOKEN}")).toThrow(
      new TemplateError("SITREP_FLEET_TOKEN is not set on this Sitrep instance"),
    );
    const p = createTemplate({}, { SITREP_FLEET_TOKEN: "" }, "preview");
    expect(p.text("Bearer ${env:SITREP_FLEET_TOKEN}")).toBe(`Bearer ${MASK}`);
    expect(p.secrets().missing).toEqual(["SITREP_FLEET_TOKEN"]);
  });

  it("a parameter value containing ${env:…} or {{…}} stays literal (one pass, no re-expansion)", () => {
    const t = createTemplate({ s: "${env:SITREP_FLEET_TOKEN}", o: "{{s}}" }, env, "execute");
    expect(t.text("x={{s}} y={{o}}")).toBe("x=${env:SITREP_FLEET_TOKEN} y={{s}}");
    expect(t.json({ a: "{{s}}" })).toEqual({ a: "${env:SITREP_FLEET_TOKEN}" });
    expect(t.secrets().names).toEqual([]);
  });

  it("refuses a {{name}} the action does not declare", () => {
    expect(() => createTemplate({}, {}, "execute").text("{{nope}}")).toThrow("the action uses {{nope}}, which is not one of its parameters");
  });

  it("preview shows the same resolution with secrets masked and their names listed", () => {
    const action = actionOf({
      params: { limit: { type: "integer", min: 1, max: 9, default: 3 } },
      http: { url: "http://fleet.invalid/jobs/republish?token=${env:SITREP_FLEET_TOKEN}", headers: { Authorization: "Bearer ${env:SITREP_FLEET_TOKEN}" }, body: { limit: "{{limit}}" } },
    });
    const preview = httpExecutor.preview(action, { limit: 3 }, { env });
    expect(preview).toEqual({
      kind: "http",
      summary: `POST http://fleet.invalid/jobs/republish?token=${MASK}`,
      detail: { method: "POST", url: `http://fleet.invalid/jobs/republish?token=${MASK}`, headers: { Authorization: `Bearer ${MASK}` }, body: { limit: 3 } },
      secrets: ["SITREP_FLEET_TOKEN"],
      missingSecrets: [],
    });
    expect(JSON.stringify(preview)).not.toContain(TOKEN);
    expect(JSON.stringify(preview)).not.toContain(encodeURIComponent(TOKEN));
  });
});

describe("maskSecrets", () => {
  it("masks a secret as is, URL-encoded and JSON-escaped, and ignores empty values", () => {
    const secret = 'tok"en/+1';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify({ t: secret })}`;
    expect(maskSecrets(text, [secret, ""])).toBe(`a ${MASK} b ${MASK} c {"t":"${MASK}"}`);
  });

  it("masks the start of a secret cut off at the end of truncated output", () => {
    expect(maskCutTail("output ends with s3cr", ["s3cr3t-token"])).toBe(`output ends with ${MASK}`);
    expect(maskCutTail("output ends with s3", ["s3cr3t-token"])).toBe("output ends with s3");
  });
});
