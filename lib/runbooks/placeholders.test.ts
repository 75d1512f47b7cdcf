import { describe, expect, it } from "vitest";
import { fillPlaceholders, placeholderLabel } from "@/lib/runbooks/placeholders";

describe("placeholders", () => {
  it("fills each placeholder as a whole token, in every style", () => {
    const vars = { $POD: "api-7f9", "<STREAM_NAME>": "ROUTER", "${NAMESPACE}": "prod" };
    expect(fillPlaceholders("kubectl logs $POD -n ${NAMESPACE}; echo $POD_NAME", vars)).toBe("kubectl logs api-7f9 -n prod; echo $POD_NAME");
    expect(fillPlaceholders("nats stream purge <STREAM_NAME> <STREAM_NAME>", vars)).toBe("nats stream purge ROUTER ROUTER");
  });
  it("leaves unfilled placeholders as they are and treats values literally", () => {
    expect(fillPlaceholders("kubectl -n $NAMESPACE get pods", { $NAMESPACE: "" })).toBe("kubectl -n $NAMESPACE get pods");
    expect(fillPlaceholders("echo $X", { $X: "$& $1" })).toBe("echo $& $1");
  });
  it("labels fields without their punctuation", () => {
    expect(["$NAMESPACE", "<STREAM_NAME>", "${POD}"].map(placeholderLabel)).toEqual(["NAMESPACE", "STREAM_NAME", "POD"]);
  });
});

describe("secret placeholders", () => {
  it("are recognised by name, so their values are never stored", async () => {
    const { isSecretPlaceholder } = await import("@/lib/runbooks/placeholders");
    expect(["$API_TOKEN", "<DB_PASSWORD>", "${AWS_SECRET_ACCESS_KEY}", "$GITHUB_KEY"].every(isSecretPlaceholder)).toBe(true);
    expect(["$NAMESPACE", "<STREAM_NAME>", "$POD"].some(isSecretPlaceholder)).toBe(false);
  });
});
