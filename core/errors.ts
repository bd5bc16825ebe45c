// A handful of errors with stable codes. Chat, HTTP and the CLI each map these
// to words or statuses in one place; nothing else inspects messages.

export type ErrorCode = 'Invalid' | 'Forbidden' | 'NotFound' | 'Conflict' | 'Upstream';

export abstract class PlanPulseError extends Error {
  abstract readonly code: ErrorCode;
}

/** Bad input. `problems` are user-facing sentences; nothing was changed. */
export class InvalidError extends PlanPulseError {
  readonly code = 'Invalid' as const;
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'InvalidError';
  }
}

export class ForbiddenError extends PlanPulseError {
  readonly code = 'Forbidden' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends PlanPulseError {
  readonly code = 'NotFound' as const;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Someone else changed the record since it was read. Carries what it is now. */
export class ConflictError<T = unknown> extends PlanPulseError {
  readonly code = 'Conflict' as const;
  constructor(
    message: string,
    readonly current?: T,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A dependency (Graph, Teams) failed after retries. */
export class UpstreamError extends PlanPulseError {
  readonly code = 'Upstream' as const;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}
