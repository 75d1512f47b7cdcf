import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // Server modules start with `import "server-only"`, which throws outside Next's RSC bundle.
      { find: /^server-only$/, replacement: fileURLToPath(new URL("./scripts/testing/server-only-stub.mjs", import.meta.url)) },
      // Same as tsconfig's "@/*": ["./*"].
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    environment: "node",
    // The transaction guard (lib/tx-guard.ts) must not have fired in any test.
    setupFiles: ["lib/testing/tx-guard-setup.ts"],
    // The notification tests' receivers listen on 127.0.0.1 (ssrf.integration.test.ts turns it off).
    env: { SITREP_NOTIFY_ALLOW_PRIVATE: "1" },
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "demo/**/*.test.ts"],
    // Integration tests share one database and one hash-chained audit log: files run one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
