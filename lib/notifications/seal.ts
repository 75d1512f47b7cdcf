// Admin-entered webhook URLs and signing secrets are credentials (a Slack incoming-webhook URL
// is all anyone needs to post to that channel), so they are stored sealed: AES-256-GCM with a
// key derived (HKDF-SHA256) from SITREP_SECRETS_KEY, or AUTH_SECRET when that is unset. GCM's tag
// makes any edit of the stored text fail to open; the field name is bound in as associated
// data, so a sealed secret cannot be swapped in as a URL. Format: "v1.<base64url iv|tag|data>".
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export type SealedField = "url" | "secret";

export class UnsealError extends Error {
  constructor() {
    super("the stored URL or secret cannot be opened (was SITREP_SECRETS_KEY or AUTH_SECRET changed?): enter it again on the Notifications page");
    this.name = "UnsealError";
  }
}

export function createSealer(keyMaterial: string) {
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, "sitrep", "sitrep notification channels v1", 32));
  const aad = (field: SealedField) => Buffer.from(`sitrep:notification-channel:${field}`);

  const seal = (field: SealedField, plain: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(aad(field));
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url")}`;
  };

  const open = (field: SealedField, sealed: string): string => {
    if (!sealed.startsWith("v1.")) throw new UnsealError();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    if (raw.length < 29) throw new UnsealError();
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12)).setAAD(aad(field));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      throw new UnsealError();
    }
  };
  return { seal, open };
}

/** All the UI and the audit log ever show of a URL: its scheme and host, and its last 4 characters. */
export function urlHint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "(not a URL)";
  }
  // Never user:password@ (the origin leaves it out), and only the tail of the path and query.
  const rest = parsed.pathname + parsed.search;
  return rest.length > 4 ? `${parsed.origin}/…${rest.slice(-4)}` : `${parsed.origin}${rest}`;
}
