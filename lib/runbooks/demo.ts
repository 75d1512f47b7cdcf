// The demo workspace's runbooks: the five seed documents in demo/runbooks/, each linked to the
// demo catalog's services it is about.
export const DEMO_RUNBOOKS: { file: string; services: string[] }[] = [
  { file: "beacon-runner-runbook.md", services: ["beacon-runner"] },
  { file: "fondation-worker-runbook.md", services: ["fondation-worker"] },
  { file: "beamline-router-recovery.md", services: ["beamline-router", "nats"] },
  { file: "aitbc-incident-runbooks.md", services: ["aitbc-coordinator", "aitbc-postgres", "aitbc-redis"] },
  { file: "agent-node-operational-runbook.md", services: ["agent-node"] },
];
