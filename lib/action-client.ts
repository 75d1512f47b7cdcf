import "server-only";
import { z } from "zod";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import type { RoleName } from "@/lib/auth/roles";
import { ExpectedError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/audit/mutations";
import { findUnstorableText, unstorableFieldErrors } from "@/lib/unstorable-text";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** Who the audit log and the timeline name for a signed-in user's change. */
export const actorOf = (u: CurrentUser): Actor => ({ id: u.id, label: u.email });

type Input = FormData | Record<string, unknown> | undefined;

const SECRET_FIELD = /pass(word)?|secret|token/i;

/**
 * What the user typed, minus secrets, handed back on failure: React resets a form after its
 * action, and a tired human must not have to type everything again (or miss a reset select).
 */
function echo(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).filter((e): e is [string, string] => typeof e[1] === "string" && !SECRET_FIELD.test(e[0])),
  );
}

function toObject(input: Input): Record<string, unknown> {
  if (input instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of input.entries()) if (!key.startsWith("$ACTION")) out[key] = value;
    return out;
  }
  return input ?? {};
}

/**
 * The one way to write a server action. Every action is a public HTTP endpoint, so each call:
 * loads the session → checks the role → refuses text PostgreSQL cannot store (a NUL, half a
 * surrogate pair: lib/unstorable-text.ts) → parses the input with zod → runs the handler (which
 * writes its audit entry in the same transaction as its change). Expected errors reach the user
 * as they are; anything else is logged and answered with a generic message.
 * Works with useActionState (prevState, formData) and with direct calls (input).
 */
export function defineAction<S extends z.ZodType, T>(options: {
  name: string;
  role: RoleName;
  input: S;
  handler: (input: z.infer<S>, user: CurrentUser) => Promise<T | { data: T; message: string }>;
}) {
  return async function action(...args: [Input] | [unknown, Input]): Promise<ActionResult<T>> {
    const input = toObject((args.length === 2 ? args[1] : args[0]) as Input);
    try {
      const user = await requireUser(options.role);
      const unstorable = findUnstorableText(input);
      if (unstorable.length > 0) throw new ValidationError("Some fields need attention.", unstorableFieldErrors(unstorable));
      const parsed = options.input.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
        throw new ValidationError("Some fields need attention.", fieldErrors);
      }
      const out = await options.handler(parsed.data, user);
      if (out && typeof out === "object" && "message" in out && "data" in out) return { ok: true, data: out.data, message: out.message };
      return { ok: true, data: out as T };
    } catch (error) {
      if (error instanceof ExpectedError) {
        return {
          ok: false,
          code: error.code,
          error: error.message,
          fieldErrors: error instanceof ValidationError ? error.fieldErrors : undefined,
          values: error.code === "UNAUTHENTICATED" || error.code === "FORBIDDEN" ? undefined : echo(input),
        };
      }
      console.error(`[action ${options.name}] failed`, error);
      return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. Try again; if it keeps failing, tell an admin." };
    }
  };
}
