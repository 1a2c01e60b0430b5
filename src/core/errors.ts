// A user mistake is a ConfigError or UsageError: printed as one or two lines, exit status 2.
// TransientError and PermanentError travel only between a sink and the dispatcher.

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly details: { file?: string; keyPath?: string; line?: number; column?: number; fix?: string } = {},
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** "file:line:col: key.path: message\n  fix" — the whole user-facing text. */
  describe(): string {
    const { file, keyPath, line, column, fix } = this.details;
    const where = file ? `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ` : '';
    const key = keyPath ? `${keyPath}: ` : '';
    return `${where}${key}${this.message}${fix ? `\n  ${fix}` : ''}`;
  }
}

export class UsageError extends Error {
  constructor(message: string, readonly fix?: string) {
    super(message);
    this.name = 'UsageError';
  }
  describe(): string {
    return this.fix ? `${this.message}\n  ${this.fix}` : this.message;
  }
}

/** Worth retrying: network trouble, timeouts, 408/425/429/5xx. */
export class TransientError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'TransientError';
  }
}

/** Retrying cannot help: a 4xx, a refused recipient, a missing program. Dead-lettered at once. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

export function isUserError(error: unknown): error is ConfigError | UsageError {
  return error instanceof ConfigError || error instanceof UsageError;
}
