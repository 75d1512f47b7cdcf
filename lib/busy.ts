// A transaction that cannot even start (every pooled connection busy past Prisma's maxWait:
// P2028 "Unable to start a transaction in the given time") has done nothing, so it is safe to try
// once more. If that fails too, the person gets a plain "busy, try again" instead of "something
// went wrong". A transaction that started and then timed out is NOT retried here: it rolled back,
// but what it was doing may not be safe to repeat; it surfaces as it did before.
import { ExpectedError } from "@/lib/errors";

export class BusyError extends ExpectedError {
  readonly code = "BUSY";
  constructor(message = "Sitrep is very busy right now and could not save this. Nothing was changed: try again in a moment.") {
    super(message);
  }
}

const START_FAILURE = /Unable to start a transaction in the given time/i;

export function isTransactionStartFailure(error: unknown): boolean {
  return error instanceof Error && START_FAILURE.test(error.message);
}

export async function withBusyRetry<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isTransactionStartFailure(error)) throw error;
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    try {
      return await run();
    } catch (again) {
      if (isTransactionStartFailure(again)) throw new BusyError();
      throw again;
    }
  }
}
