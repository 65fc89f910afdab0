/** Errors carry a stable code and the HTTP status they map to; one filter turns them into responses. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 = 400,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found / नहीं मिला`, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason: string) {
    super('forbidden', reason, 403);
  }
}

export class ValidationError extends DomainError {
  constructor(reason: string) {
    super('invalid', reason, 400);
  }
}

/** Too many requests: the caller may try again after `retryAfterSeconds` (sent as the Retry-After header). */
export class TooManyRequestsError extends DomainError {
  constructor(
    reason: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', reason, 429);
  }
}
