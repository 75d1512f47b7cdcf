// The fleet's services, wired to their dependencies. `services` is the order GET / lists them
// in; `tickOrder` simulates dependencies before the services that use them.
import { createAgentNode } from "./agent-node.mjs";
import { createAitbcCoordinator } from "./aitbc-coordinator.mjs";
import { createAitbcPostgres } from "./aitbc-postgres.mjs";
import { createAitbcRedis } from "./aitbc-redis.mjs";
import { createBeaconRunner } from "./beacon-runner.mjs";
import { createBeamlineRouter } from "./beamline-router.mjs";
import { createFondationWorker } from "./fondation-worker.mjs";
import { createNats } from "./nats.mjs";

export function createServices({ rng }) {
  const nats = createNats({ rng });
  const postgres = createAitbcPostgres({ rng });
  const redis = createAitbcRedis({ rng });
  const beacon = createBeaconRunner({ rng });
  const fondation = createFondationWorker({ rng });
  const router = createBeamlineRouter({ rng, bus: nats.bus });
  const coordinator = createAitbcCoordinator({ rng, db: postgres.db, cache: redis.cache });
  const agent = createAgentNode({ rng });
  return {
    services: [beacon, fondation, router, nats.service, coordinator, postgres.service, redis.service, agent],
    tickOrder: [nats.service, postgres.service, redis.service, beacon, fondation, router, coordinator, agent],
  };
}
