// The audio the flash requests send: a short tone the project generates itself (no downloaded
// audio). Integer arithmetic only, so the bytes are the same on every machine.

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
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // PCM header size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(FIXTURE_SAMPLE_RATE, 24);
  header.writeUInt32LE(FIXTURE_SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
