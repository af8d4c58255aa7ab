// A refusal in the service's own terms: an error code from specs/errors.yaml and the parameter it
// is about. Rendering it into a message (and a language) happens once, in respond.ts.

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly param?: string,
    /** Appended to the message, e.g. what --debug-auth computed. */
    readonly detail?: string,
  ) {
    super(param ? `${code} (${param})` : code);
  }
}
