// The contract suite's signing probes (SIGN_PROBES) must not look like a real client's mistake: a
// stale probe is no whole, half or quarter hour (time zones, daylight saving), even at the edges of
// the tolerance the proxy allows, and lies well outside every surface's timestamp window in specs/;
// a wrong-key probe is a suffix no one types by accident. The cases name each probe as it signs.
import { describe, expect, test } from 'vitest';
import { contractCases, probeTitle, SIGN_PROBE_TOLERANCE_SECONDS, SIGN_PROBES, type SignTweak } from '../../src/model/cases.js';
import { projectModel } from '../helpers/emulator.js';

const model = projectModel();
const windows = [model.service.signing.timestampToleranceSeconds, ...model.endpoints.map((e) => e.signature.toleranceSeconds), ...model.channels.map((c) => c.signature.toleranceSeconds)];
const QUARTER_HOUR = 900;

describe('the signing probes', () => {
  test.each(Object.entries(SIGN_PROBES) as [SignTweak, (typeof SIGN_PROBES)[SignTweak]][])('%s signs in a way no clock or key slip produces', (_tweak, p) => {
    expect(p.keySuffix !== '' || p.secondsBefore !== 0).toBe(true);
    if (p.secondsBefore === 0) return;
    const lo = p.secondsBefore - SIGN_PROBE_TOLERANCE_SECONDS;
    const hi = p.secondsBefore + SIGN_PROBE_TOLERANCE_SECONDS;
    // No multiple of a quarter hour within the tolerance: a clock off by a time zone is never taken for a probe.
    expect(Math.floor(hi / QUARTER_HOUR) * QUARTER_HOUR).toBeLessThan(lo);
    expect(lo).toBeGreaterThan(2 * Math.max(...windows));
  });

  test('a wrong-key probe is recognisable: a long suffix, no part of a real key', () => {
    expect(SIGN_PROBES['wrong-key'].keySuffix.length).toBeGreaterThanOrEqual(16);
    expect(SIGN_PROBES['wrong-key'].keySuffix).not.toBe(model.service.local.secretKey);
    // The tolerance is for the time between signing and arriving: within every surface's window.
    expect(SIGN_PROBE_TOLERANCE_SECONDS).toBeLessThan(Math.min(...windows));
  });

  test('each probing case is named after how it signs, and none says an hour', () => {
    const probing = contractCases(model).filter((c) => c.sign);
    expect(probing.length).toBe(2 * (1 + model.endpoints.length));
    for (const c of probing) expect(c.name).toContain(probeTitle(c.sign!));
    expect(probing.map((c) => c.name).join('\n')).not.toMatch(/hour/);
    expect(probeTitle('stale-timestamp')).toBe(`signed ${SIGN_PROBES['stale-timestamp'].secondsBefore} s ago`);
  });
});
