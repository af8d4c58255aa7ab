// The contract suite's own signing probes (SIGN_PROBES in src/model/cases.ts), told apart from a
// client's mistake once a signature has been refused. The collections' negative cases sign badly on
// purpose; the proxy answers them as the service does, and reports them as expected refusals. Only
// an exact probe qualifies: the signature must verify with an accepted key plus the probe's suffix,
// at the request's own timestamp, and that timestamp must lie the probe's staleness before now.
// Anything else (another wrong key, a clock an hour off) stays a violation.
import { SIGN_PROBE_TOLERANCE_SECONDS, SIGN_PROBES, type SignTweak } from '../model/cases.js';
import type { EmulatorOptions } from '../mock/options.js';

/** Whether the refused signature verifies for these key pairs at this instant (ms). */
export type Verifies = (accepts: EmulatorOptions, atMs: number) => boolean;

/** Which probe a refused request is, if it is one; `sentTimestamp` is the request's own, as sent. */
export function recogniseProbe(accepts: EmulatorOptions, nowMs: number, sentTimestamp: string | undefined, verifies: Verifies): SignTweak | undefined {
  const sent = sentTimestamp !== undefined && /^\d{1,12}$/.test(sentTimestamp) ? Number(sentTimestamp) : undefined;
  for (const tweak of Object.keys(SIGN_PROBES) as SignTweak[]) {
    const probe = SIGN_PROBES[tweak];
    // A request without a timestamp can only be a probe that signs at the present.
    const at = sent ?? (probe.secondsBefore === 0 ? Math.floor(nowMs / 1000) : undefined);
    if (at === undefined || Math.abs(nowMs / 1000 - probe.secondsBefore - at) > SIGN_PROBE_TOLERANCE_SECONDS) continue;
    const keys: EmulatorOptions = { ...accepts, lenientAuth: false, credentials: accepts.credentials.map((c) => ({ ...c, secretKey: c.secretKey + probe.keySuffix })) };
    if (verifies(keys, at * 1000)) return tweak;
  }
  return undefined;
}

/** Whether a check that throws `refusal` for a request it refuses lets this one through; anything else it throws is a bug, thrown on. */
export function lets(check: () => void, refusal: abstract new (...args: never[]) => Error): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof refusal) return false;
    throw e;
  }
}

/** What a recognised probe was, in words; nothing in it is secret. */
export function probeExplanation(tweak: SignTweak): string {
  const p = SIGN_PROBES[tweak];
  const how = [p.keySuffix ? `an accepted key followed by "${p.keySuffix}"` : 'an accepted key', ...(p.secondsBefore > 0 ? [`${p.secondsBefore} s before it was sent`] : [])].join(', ');
  return `the contract suite's own ${tweak} probe: signed with ${how}`;
}
