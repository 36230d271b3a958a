/**
 * The one error type the engine throws for anything the user can fix. `message` is already in
 * the user's language (French by default); `field` names the offending input field when there is one.
 */
export type EngineErrorCode =
  | 'invalid_input'
  | 'forbidden'
  | 'not_found'
  | 'invalid_transition'
  | 'rule_violation'
  | 'not_ready';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  toJSON(): { code: EngineErrorCode; message: string; field?: string } {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
