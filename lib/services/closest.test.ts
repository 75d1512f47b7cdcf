import { describe, expect, it } from "vitest";
import { closest, editDistance } from "@/lib/services/closest";

describe("closest service name", () => {
  const known = ["beacon-runner", "beamline-router", "nats", "aitbc-postgres", "aitbc-redis"];
  it("counts edits", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("nats", "nats")).toBe(0);
  });
  it("suggests the service a typo meant", () => {
    expect(closest("beacon-runer", known)).toBe("beacon-runner");
    expect(closest("beacon", known)).toBe("beacon-runner");
    expect(closest("aitbc-postgress", known)).toBe("aitbc-postgres");
    expect(closest("natss", known)).toBe("nats");
  });
  it("suggests nothing for a name far from every service", () => {
    expect(closest("checkout-api", known)).toBeNull();
    expect(closest("aitbc", known)).toBeNull(); // two services start with it: no single guess
  });
});
