import { ConfigError, getEnv, requireServerEnv } from "@/lib/env";

/** A bad configuration stops Sitrep at start, naming the variable, instead of failing on the first request. */
export function checkConfigurationOrExit() {
  try {
    requireServerEnv(getEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nSee "Configuration" in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
}
