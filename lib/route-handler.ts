import "server-only";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import type { RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "@/lib/errors";

// The one way to write a JSON route handler for signed-in users: check the session and role,
// run, and answer expected errors as JSON a person can read (401, 403, 404, 400). Anything else
// is thrown on, logged by Next, and answered 500.

export const NO_STORE = { "cache-control": "no-store" };
const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

export const jsonError = (status: number, error: string) => Response.json({ error }, { status, headers: NO_STORE });

export function userRoute<C>(role: RoleName, handle: (request: Request, context: C, user: CurrentUser) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await requireUser(role);
      return await handle(request, context, user);
    } catch (error) {
      if (error instanceof ExpectedError) return jsonError(STATUS[error.code] ?? 400, error.message);
      throw error;
    }
  };
}
