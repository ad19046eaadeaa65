/** Errors with a known cause. cli.ts prints their message on one line and exits with `exitCode`. */
export class QianyiError extends Error {
  constructor(
    message: string,
    /** A second line that tells the user what to do about it. */
    readonly hint?: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, bad config, a path that does not exist. */
export class UsageError extends QianyiError {}

/** A provider template that fails validation; the message names the template, field and problem. */
export class TemplateError extends QianyiError {}

/** Already reported to the user: just exit with this code. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitError';
  }
}
