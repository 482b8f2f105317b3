/** Errors the CLI maps to exit codes: UsageError → 2, CliFailure → its code (default 1). */

export class UsageError extends Error {}

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}
