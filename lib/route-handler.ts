import "server-only";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import type { RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "@/lib/errors";
import { findUnstorableText, unstorableFieldErrors } from "@/lib/unstorable-text";

// The one way to write a JSON route handler for signed-in users: check the session and role,
// run, and answer expected errors as JSON a person can read (401, 403, 404, 400). Anything else
// is thrown on, logged by Next, and answered 500.

export const NO_STORE = { "cache-control": "no-store" };
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BUSY: 503 };

export const jsonError = (status: number, error: string) => Response.json({ error }, { status, headers: NO_STORE });

export function userRoute<C>(role: RoleName, handle: (request: Request, context: C, user: CurrentUser) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await requireUser(role);
      return await handle(request, context, user);
    } catch (error) {
      if (error instanceof ExpectedError) return expectedErrorResponse(error);
      throw error;
    }
  };
}

/** An expected error as JSON; "busy" (503) tells clients when to retry. */
export function expectedErrorResponse(error: ExpectedError): Response {
  const response = jsonError(STATUS[error.code] ?? 400, error.message);
  if (error.code === "BUSY") response.headers.set("retry-after", "2");
  return response;
}

/** A form or JSON body's text that PostgreSQL would refuse, as field errors; null when clean or not parseable. */
async function unstorableBody(request: Request): Promise<Record<string, string[]> | null> {
  const type = request.headers.get("content-type") ?? "";
  let body: unknown;
  try {
    if (type.includes("application/json")) body = await request.json();
    else if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) body = await request.formData();
    else return null;
  } catch {
    return null; // a body that does not parse is the handler's to refuse
  }
  const found = findUnstorableText(body);
  return found.length > 0 ? unstorableFieldErrors(found) : null;
}

/**
 * For a route handler that takes a form or JSON body: text with a NUL or half a surrogate pair
 * (lib/unstorable-text.ts, the same rule as server actions) is answered 400 with the field it is
 * in, before the handler runs. The handler reads the body as sent (the check reads a copy).
 */
export function refuseUnstorableBody<R extends Request, A extends unknown[]>(handle: (request: R, ...rest: A) => Promise<Response>) {
  return async (request: R, ...rest: A): Promise<Response> => {
    if (request.method === "GET" || request.method === "HEAD") return handle(request, ...rest);
    const fieldErrors = await unstorableBody(request.clone());
    if (fieldErrors) return Response.json({ error: "Some fields need attention.", fieldErrors }, { status: 400, headers: NO_STORE });
    return handle(request, ...rest);
  };
}
