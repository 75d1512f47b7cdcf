// What an executor keeps of an action's output: at most `maxBytes` (memory stays bounded however
// much the target sends), while the byte count and the sha256 digest cover everything that came.
import { createHash } from "node:crypto";
import { maskCutTail, maskSecrets } from "./mask";

export type CapturedOutput = { output: string; outputBytes: number; truncated: boolean; digest: string };

export function createCapture(maxBytes: number) {
  const hash = createHash("sha256");
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let total = 0;
  let finished = false;
  return {
    /** After finish() (a grandchild still writing past the timeout) output is ignored: the digest is final. */
    push(chunk: Buffer) {
      if (finished) return;
      hash.update(chunk);
      total += chunk.length;
      if (keptBytes >= maxBytes) return;
      const part = chunk.subarray(0, maxBytes - keptBytes);
      kept.push(Buffer.from(part));
      keptBytes += part.length;
    },
    text: () => Buffer.concat(kept, keptBytes).toString("utf8"),
    /** The kept output with secrets masked; call once, after the last push. */
    finish(secretValues: string[]): CapturedOutput {
      finished = true;
      const truncated = total > maxBytes;
      let output = maskSecrets(this.text(), secretValues);
      if (truncated) output = maskCutTail(output, secretValues);
      return { output, outputBytes: total, truncated, digest: hash.digest("hex") };
    },
  };
}
export type Capture = ReturnType<typeof createCapture>;

export type Outcome = "succeeded" | "failed" | "timed out";
export type ExecutionResult = CapturedOutput & {
  outcome: Outcome;
  exitCode?: number;
  httpStatus?: number;
  durationMs: number;
  error?: string;
};

/** The one way an executor builds its result, so output and error are always masked. */
export function buildResult(
  capture: Capture,
  secretValues: string[],
  r: { outcome: Outcome; started: number; error?: string; exitCode?: number; httpStatus?: number },
): ExecutionResult {
  const result: ExecutionResult = { outcome: r.outcome, ...capture.finish(secretValues), durationMs: Math.round(performance.now() - r.started) };
  if (r.exitCode !== undefined) result.exitCode = r.exitCode;
  if (r.httpStatus !== undefined) result.httpStatus = r.httpStatus;
  if (r.error !== undefined) result.error = maskSecrets(r.error, secretValues);
  return result;
}

export const seconds = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;
