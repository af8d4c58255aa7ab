// Flag values checked once, with messages that name the flag.
import { parseInstant } from '../mock/state/clock.js';
import { UsageError } from './io.js';

export function portFlag(value: string | undefined, fallback: number, name = '--port'): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${name} must be a port number from 0 to 65535, got "${value}"`);
  return Number(value);
}

export function nonNegativeIntFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number of milliseconds, got "${value}"`);
  return Number(value);
}

/** An ISO 8601 time with its zone, as epoch ms. */
export function instantFlag(value: string, name: string): number {
  try {
    return parseInstant(value, name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
