// The audio the flash requests send: a short tone the project generates itself (no downloaded
// audio). Integer arithmetic only, so the bytes are the same on every machine.
import { wavHeader } from '../wav-header.js';

export const FIXTURE_SAMPLE_RATE = 16_000;

export function fixtureWav(durationMs = 500): Buffer {
  const samples = Math.round((FIXTURE_SAMPLE_RATE * durationMs) / 1000);
  const data = Buffer.alloc(samples * 2);
  const period = 36; // ≈ 444 Hz at 16 kHz
  for (let i = 0; i < samples; i++) {
    const phase = i % period;
    const triangle = phase < period / 2 ? phase : period - phase; // 0 … 18 … 0
    data.writeInt16LE((triangle - period / 4) * 333, i * 2); // ±3000, a quiet tone
  }
  return Buffer.concat([wavHeader(data.length, FIXTURE_SAMPLE_RATE, 1), data]);
}
