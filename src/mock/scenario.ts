// X-Emulator-Scenario: lets client teams rehearse failures, e.g.
//   X-Emulator-Scenario: error=FailedOperation.ErrorRecognize
//   X-Emulator-Scenario: latency=300ms, error=InternalError
// Never needed for normal use.

export const SCENARIO_HEADER = 'x-emulator-scenario';
export const MAX_LATENCY_MS = 30_000;

export interface Scenario {
  error?: string;
  latencyMs?: number;
}

export class ScenarioError extends Error {}

export function parseScenario(header: string | undefined, knownCodes: ReadonlySet<string>): Scenario {
  if (!header) return {};
  const out: Scenario = {};
  for (const part of header.split(',')) {
    const [rawKey, ...rest] = part.split('=');
    const key = (rawKey ?? '').trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'error') {
      if (!knownCodes.has(value)) throw new ScenarioError(`${SCENARIO_HEADER}: unknown error code "${value}"`);
      out.error = value;
    } else if (key === 'latency') {
      const m = /^(\d+)\s*(ms|s)?$/.exec(value);
      if (!m) throw new ScenarioError(`${SCENARIO_HEADER}: latency must look like 300ms or 2s, got "${value}"`);
      out.latencyMs = Math.min(MAX_LATENCY_MS, Number(m[1]) * (m[2] === 's' ? 1000 : 1));
    } else if (key !== '') {
      throw new ScenarioError(`${SCENARIO_HEADER}: unknown key "${key}" (use error=CODE or latency=300ms)`);
    }
  }
  return out;
}
