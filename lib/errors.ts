// Expected errors: their message is written for the person at the keyboard and reaches them as is.
// Anything else is logged and the user sees a generic message.
export class ExpectedError extends Error {
  readonly code: string = "ERROR";
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends ExpectedError {
  readonly code = "UNAUTHENTICATED";
  constructor(message = "Your session has ended. Sign in again.") {
    super(message);
  }
}

export class ForbiddenError extends ExpectedError {
  readonly code = "FORBIDDEN";
  constructor(message = "Your role does not allow this.") {
    super(message);
  }
}

export class NotFoundError extends ExpectedError {
  readonly code = "NOT_FOUND";
}

export class ConflictError extends ExpectedError {
  readonly code = "CONFLICT";
}

/** The record is read-only now (a published report): retrying the same edit cannot succeed. */
export class ReadOnlyError extends ExpectedError {
  readonly code = "READ_ONLY";
}

export class ValidationError extends ExpectedError {
  readonly code = "VALIDATION";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export class RateLimitedError extends ExpectedError {
  readonly code = "RATE_LIMITED";
}
