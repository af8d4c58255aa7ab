// Silence as an energy measure: pcm is cut into 20 ms stretches and each one's RMS level compared
// with a threshold in dB below full scale. Only audio with no stretch above it is silent; a tone or
// noise counts as voice, because telling speech from other sound is not the emulator's job.
import type { PcmLayout } from './wav.js';

const STRETCH_MS = 20;

function reader(layout: Pick<PcmLayout, 'bitsPerSample' | 'encoding'>): (buf: Buffer, at: number) => number {
  switch (layout.bitsPerSample) {
    case 8:
      return (b, at) => (b[at]! - 128) / 128;
    case 16:
      return (b, at) => b.readInt16LE(at) / 32768;
    case 24:
      return (b, at) => b.readIntLE(at, 3) / 8388608;
    default:
      return layout.encoding === 'float' ? (b, at) => b.readFloatLE(at) : (b, at) => b.readInt32LE(at) / 2147483648;
  }
}

/** True when every 20 ms stretch is quieter than `thresholdDbfs`. Stops at the first loud one. */
export function isSilent(buf: Buffer, layout: Omit<PcmLayout, 'dataOffset'> & { dataOffset?: number }, thresholdDbfs: number): boolean {
  const read = reader(layout);
  const step = layout.bitsPerSample / 8;
  const stretch = Math.max(1, Math.round((layout.sampleRate * STRETCH_MS) / 1000)) * layout.channels * step;
  const limit = 10 ** (thresholdDbfs / 20);
  const start = layout.dataOffset ?? 0;
  const end = start + layout.dataBytes;
  for (let from = start; from < end; from += stretch) {
    const to = Math.min(end, from + stretch);
    let sum = 0;
    let n = 0;
    for (let at = from; at + step <= to; at += step, n++) {
      const v = read(buf, at);
      sum += v * v;
    }
    if (n > 0 && Math.sqrt(sum / n) > limit) return false;
  }
  return true;
}
