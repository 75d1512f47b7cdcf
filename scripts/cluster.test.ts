import os from "node:os";
import { describe, expect, it } from "vitest";
import { workerCount as count } from "./cluster.mjs";

const workerCount = (env: Record<string, string>) => count(env as NodeJS.ProcessEnv);

describe("SITREP_WORKERS", () => {
  it("defaults to one process per core, and 'auto' says the same", () => {
    expect(workerCount({})).toBe(os.availableParallelism());
    expect(workerCount({ SITREP_WORKERS: "auto" })).toBe(os.availableParallelism());
    expect(workerCount({ SITREP_WORKERS: " " })).toBe(os.availableParallelism());
  });

  it("takes a whole number of processes", () => {
    expect(workerCount({ SITREP_WORKERS: "1" })).toBe(1);
    expect(workerCount({ SITREP_WORKERS: "4" })).toBe(4);
  });

  it("refuses anything else with a message naming the variable", () => {
    for (const bad of ["0", "-2", "1.5", "many", "65"]) {
      expect(() => workerCount({ SITREP_WORKERS: bad })).toThrow(/SITREP_WORKERS must be a whole number from 1 to 64/);
    }
  });
});
