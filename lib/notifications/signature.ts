// The signature of a generic webhook delivery: HMAC-SHA256 over "<timestamp>.<body>", hex, sent
// as `X-Sitrep-Signature: sha256=<hex>` with the timestamp in `X-Sitrep-Timestamp` (seconds).
// Signing the timestamp lets a receiver refuse replays of an old delivery.
import { createHmac, timingSafeEqual } from "node:crypto";

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (README, "Verifying a delivery"): recompute, compare in constant time, check the age. */
export function verifySignature(secret: string, headers: { signature?: string | null; timestamp?: string | null }, body: string, opts: { now?: number; toleranceS?: number } = {}): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  if (Math.abs(now - ts) > (opts.toleranceS ?? 300)) return false;
  const expected = Buffer.from(signBody(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
