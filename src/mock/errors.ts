// A refusal in the service's own terms: an error code from specs/errors.yaml, the parameter it
// is about, and the rule that broke. Rendering it into a message (and a language) happens once,
// in respond.ts.
import type { LocalText } from '../model/audio-types.js';

/** A rule kind of specs/emulator.yaml `messages`, with the values its text quotes. */
export interface RuleText {
  kind: string;
  args: Record<string, string | number>;
  /** The sentence itself, when the spec states it where the rule is (an emulator `fail` step). */
  text?: LocalText;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly param?: string,
    /** Appended to the message, e.g. what --debug-auth computed. */
    readonly detail?: string,
    /** The rule that broke, named after the code's own message. */
    readonly rule?: RuleText,
  ) {
    super(param ? `${code} (${param})` : code);
  }
}
