import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRunbookDocument } from ".";
import { commandMatches, suggestBindings, type CatalogAction } from "./bindings";

const seed = (file: string) => parseRunbookDocument(readFileSync(new URL(`../../../demo/runbooks/${file}`, import.meta.url), "utf8"), file);

describe("commandMatches", () => {
  it.each([
    ["flyctl restart --app beacon-runner*", "flyctl restart --app beacon-runner-production", true],
    ["flyctl restart --app beacon-runner*", "flyctl restart --app beacon-runner", true],
    ["flyctl restart --app beacon-runner*", "flyctl  restart\t--app   beacon-runner-staging  ", true],
    ["flyctl restart --app beacon-runner*", "flyctl restart --app other", false],
    ["flyctl restart --app beacon-runner*", "sudo flyctl restart --app beacon-runner", false],
    ["kubectl rollout restart deployment/* -n *", "kubectl rollout restart deployment/redis -n default", true],
    ["kubectl rollout restart deployment/* -n *", "kubectl rollout restart deployment/redis", false],
    ["*", "anything at all", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
    ["curl -X POST */circuit-breakers/reset -H *", "curl -X POST https://x.fly.dev/api/v1/admin/circuit-breakers/reset \\\n  -H \"Authorization: Bearer $ADMIN_TOKEN\"", true],
    ["systemctl restart *", "# Restart worker\nsudo systemctl status x\nsystemctl restart fondation-worker", true],
    ["systemctl restart *", "systemctl restart a\nsystemctl stop b", true],
    ["nats_stop.sh\nnats_start.sh", "./nats_stop.sh\nnats_start.sh", false],
    ["*nats_stop.sh\n*nats_start.sh", "# Restart NATS\n./scripts/nats_stop.sh\n./scripts/nats_start.sh", true],
    ["echo a*", "echo a\nb", true],
    ["echo a*b", "echo a\nb", false],
    ["", "anything", false],
    ["  ", "", false],
    ["(x)+[y]?.^$", "(x)+[y]?.^$", true],
  ])("%j matches %j: %s", (pattern, command, expected) => {
    expect(commandMatches(pattern, command)).toBe(expected);
  });
});

describe("suggestBindings", () => {
  const catalog: CatalogAction[] = [
    { service: "beacon-runner", action: "restart", title: "Restart the runner", commands: ["flyctl restart --app beacon-runner*"] },
    { service: "beacon-runner", action: "reset-circuit-breakers", title: "Reset circuit breakers", commands: ["curl -X POST */admin/circuit-breakers/reset*"] },
    { service: "redis", action: "restart", title: "Restart Redis", commands: ["kubectl rollout restart deployment/redis -n *"] },
  ];

  it("points at the steps whose commands an action declares (beacon)", () => {
    expect(suggestBindings(seed("beacon-runner-runbook.md"), catalog)).toEqual([
      { runbookKey: "runner-down", phaseIndex: 0, stepIndex: 2, service: "beacon-runner", action: "restart", command: "flyctl restart --app beacon-runner-production" },
      {
        runbookKey: "circuit-breaker-management", phaseIndex: 1, stepIndex: 0, service: "beacon-runner", action: "reset-circuit-breakers",
        command: 'curl -X POST https://beacon-runner-production.fly.dev/api/v1/admin/circuit-breakers/reset -H "Authorization: Bearer $ADMIN_TOKEN"',
      },
    ]);
  });

  it("finds a command inside a longer script (aitbc)", () => {
    expect(suggestBindings(seed("aitbc-incident-runbooks.md"), catalog)).toEqual([
      { runbookKey: "redis-failure", phaseIndex: 2, stepIndex: 1, service: "redis", action: "restart", command: "kubectl rollout restart deployment/redis -n default" },
    ]);
  });

  it("skips steps a sitrep-action block already binds", () => {
    const doc = parseRunbookDocument("## A\n**Alert**: `A`\n\n1. Restart `flyctl restart --app beacon-runner-x`\n   ```sitrep-action\n   action: beacon-runner/restart\n   ```\n2. Again `flyctl restart --app beacon-runner-y`\n", "a.md");
    expect(suggestBindings(doc, catalog).map((s) => [s.stepIndex, s.command])).toEqual([[1, "flyctl restart --app beacon-runner-y"]]);
  });

  it("suggests nothing without actions", () => {
    expect(suggestBindings(seed("fondation-worker-runbook.md"), [])).toEqual([]);
  });
});
