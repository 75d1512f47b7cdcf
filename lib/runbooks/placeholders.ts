// Placeholders ($NAMESPACE, <STREAM_NAME>, ${POD}) filled once per run and put into every command.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Replaces each filled placeholder as a whole token: $POD never eats the start of $POD_NAME. */
export function fillPlaceholders(code: string, vars: Record<string, string>): string {
  let out = code;
  for (const [name, value] of Object.entries(vars)) {
    if (!value) continue;
    const tail = /[A-Za-z0-9_]$/.test(name) ? "(?![A-Za-z0-9_])" : "";
    out = out.replace(new RegExp(escape(name) + tail, "g"), () => value);
  }
  return out;
}

/** A field label: "$NAMESPACE" → "NAMESPACE", "<STREAM_NAME>" → "STREAM_NAME". */
export const placeholderLabel = (name: string) => name.replace(/^\$\{?|\}$|^<|>$/g, "");

/**
 * A placeholder that holds a secret ($API_TOKEN, <DB_PASSWORD>): Sitrep never stores or shows
 * one. The responder types it in their own terminal; the command keeps the placeholder.
 */
export const isSecretPlaceholder = (name: string) => /SECRET|TOKEN|PASSWORD|PASSWD|KEY|CREDENTIAL/i.test(placeholderLabel(name));
