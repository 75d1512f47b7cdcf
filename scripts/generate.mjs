// postinstall: generate the Prisma client. `prisma generate` never runs the schema engine,
// but the CLI insists on knowing where one is; pointing it at /bin/false keeps it offline.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const r = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", ...process.env },
});
process.exit(r.status ?? 1);
