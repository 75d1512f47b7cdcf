import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "node_modules/**", ".data/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    rules: {
      // All configuration goes through lib/env.ts (house style 8).
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }],
    },
  },
  {
    files: ["lib/env.ts", "instrumentation.ts", "lib/testing/**", "scripts/**", "e2e/**", "*.config.*", "prisma/**", "demo/**", "**/*.test.ts"],
    rules: { "no-restricted-properties": "off" },
  },
]);
