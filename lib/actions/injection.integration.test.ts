// Shell injection through a `command` action's parameter, end to end through the data layer
// (request → execute → stored output): a value the action's pattern lets through reaches the
// program as ONE literal argument — no shell reads it, so `;`, `$(…)`, backticks, pipes and
// newlines do nothing, and "${env:…}" or "{{…}}" inside a value is never expanded. The e2e suite
// checks the other half over HTTP (values the schema refuses); the demo catalog has no command
// actions, hence this test with a catalog of its own.
import { existsSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { uniqueEmail } from "@/lib/testing/db";
import { executeActionRun, requestActionRun } from "./runs";
import { withFleetCatalog } from "./testing-catalog";

const TOKEN = "fleet-token-for-injection-tests-5d1e";
const SECRET = `injection-secret-${randomUUID()}`;
const ctx = { env: { SITREP_FLEET_TOKEN: TOKEN, INJECTION_SECRET: SECRET, PATH: "/usr/local/bin:/usr/bin:/bin" } };
const actor = { id: null, label: "injection-test" };
const svc = `${uniqueEmail("inj").split("@")[0]}-shell`;
const pwned = `/tmp/pwned-${randomUUID()}`;
const control = `${pwned}-control`;

// printf prints each argument it gets between bars: the output shows exactly where arguments
// begin and end. The second action puts the value inside a larger argument, next to a secret.
const catalog = () => `services:
  - slug: ${svc}
    name: Shell injection tests
    actions:
      - name: echo
        title: Echo a text
        params:
          text: { type: string, pattern: '[\\s\\S]{0,200}' }
        command: { argv: ["printf", "%s|", "{{text}}"] }
      - name: echo-mixed
        title: Echo a text inside an option, with a secret
        params:
          text: { type: string, pattern: '[\\s\\S]{0,200}' }
        command: { argv: ["printf", "%s|", "--value={{text}}", "\${env:INJECTION_SECRET}"] }
      - name: touch
        title: Create a file (the control)
        params:
          path: { type: string, pattern: '/tmp/pwned-[0-9a-z-]+' }
        command: { argv: ["touch", "{{path}}"] }
`;

const PAYLOADS = [
  "; rm -rf /",
  `$(touch ${pwned})`,
  `\`touch ${pwned}\``,
  `x\ntouch ${pwned}`,
  `x; touch ${pwned}`,
  `x && touch ${pwned} || touch ${pwned}`,
  `x | tee ${pwned}`,
  `'; touch ${pwned}; echo '`,
  `"; touch ${pwned}; echo "`,
  `x > ${pwned}`,
  "${env:INJECTION_SECRET}",
  "{{text}}",
];

async function run(action: string, params: Record<string, string>) {
  const { run: requested } = await requestActionRun(actor, { service: svc, action, params, idempotencyKey: randomUUID() });
  return executeActionRun(actor, requested.id, ctx);
}

describe("shell injection through a command action's parameter", () => {
  withFleetCatalog(TOKEN, catalog);
  afterAll(() => rmSync(control, { force: true }));

  it("the control: this process can create such a file, so its absence below means something", async () => {
    const done = await run("touch", { path: control });
    expect(done.status).toBe("succeeded");
    expect(existsSync(control)).toBe(true);
  });

  it.each(PAYLOADS.map((p) => [JSON.stringify(p), p]))("%s arrives as one literal argument", async (_, payload) => {
    const done = await run("echo", { text: payload });
    expect(done).toMatchObject({ status: "succeeded", error: null, params: { text: payload } });
    expect(done.outputPreview).toBe(`${payload}|`);
    expect(existsSync(pwned), `${pwned} was created`).toBe(false);
  });

  it.each(PAYLOADS.map((p) => [JSON.stringify(p), p]))("%s inside a larger argument stays literal and pulls in no secret", async (_, payload) => {
    const done = await run("echo-mixed", { text: payload });
    expect(done.status).toBe("succeeded");
    // The action's own secret is masked; a "${env:…}" typed into the value is not expanded at all.
    expect(done.outputPreview).toBe(`--value=${payload}|••••|`);
    expect(done.outputPreview).not.toContain(SECRET);
    expect(existsSync(pwned), `${pwned} was created`).toBe(false);
  });

  it("nothing of it reached the database unmasked", async () => {
    const rows = await db.actionRun.findMany({ where: { service: svc }, select: { outputPreview: true, error: true, params: true } });
    expect(rows.length).toBe(1 + 2 * PAYLOADS.length);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(existsSync(pwned)).toBe(false);
  });
});
