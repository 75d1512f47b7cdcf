// Before recovery.spec.ts: the five seed runbooks with their steps bound to the demo catalog's
// actions, imported as the demo workspace does (prisma/seed.ts), without its users.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { test } from "@playwright/test";

test("import the bound seed runbooks", () => {
  const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
  execFileSync(tsx, ["--conditions=react-server", "prisma/seed.ts", "--runbooks-only"], { stdio: "inherit", env: process.env, timeout: 60_000 });
});
