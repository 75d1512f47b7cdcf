// A stand-in Sitrep process for interrupted.integration.test.ts, which kills it mid-action: it
// requests one action and executes it through the real lib/actions code, on the same database.
// It prints one JSON line (run id, instance id, pid) once the run is requested, and "done <status>"
// if the run ever finishes. Only that test starts it; the app never imports it.
//   node --conditions=react-server --import tsx lib/actions/interrupted-child.ts <json input>
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getInstanceId } from "./instance";
import { executeActionRun, requestActionRun } from "./runs";

type ChildInput = { service: string; action: string; params: Record<string, unknown>; incidentId: string; actor: { id: string; label: string } };

async function main() {
  const input = JSON.parse(process.argv[2] ?? "{}") as ChildInput;
  const { run } = await requestActionRun(input.actor, { ...input, idempotencyKey: randomUUID() });
  process.stdout.write(`${JSON.stringify({ runId: run.id, instanceId: getInstanceId(), pid: process.pid })}\n`);
  const done = await executeActionRun(input.actor, run.id, { env: {} });
  process.stdout.write(`done ${done.status}\n`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
