// Durations of the containers music-metadata does not read: AMR, SILK, FLV and the real-time
// channel's `opus` framing. Each is a walk over length-prefixed frames or tags of a fixed duration
// (or a timestamp), not codec decoding. Returns undefined when the bytes do not hold together.

const AMR_NB_BYTES = [12, 13, 15, 17, 19, 20, 26, 31, 5, 6, 5, 5, 0, 0, 0, 0];
const AMR_WB_BYTES = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0];

/** AMR-NB (8 kHz) and AMR-WB (16 kHz) storage format: one header byte and a fixed size per 20 ms frame. */
export function amrDuration(buf: Buffer): { ms: number; sampleRate: number } | undefined {
  const wb = buf.toString('latin1', 0, 9) === '#!AMR-WB\n';
  if (!wb && buf.toString('latin1', 0, 6) !== '#!AMR\n') return undefined;
  const sizes = wb ? AMR_WB_BYTES : AMR_NB_BYTES;
  let at = wb ? 9 : 6;
  let frames = 0;
  while (at < buf.length) {
    const type = (buf[at]! >> 3) & 0x0f;
    at += 1 + sizes[type]!;
    frames += 1;
  }
  return at === buf.length && frames > 0 ? { ms: frames * 20, sampleRate: wb ? 16000 : 8000 } : undefined;
}

/** SILK v3 files: `#!SILK_V3` (Tencent's variant adds a 0x02 in front), then 20 ms frames, each with a 16-bit length. */
export function silkDuration(buf: Buffer): number | undefined {
  let at = buf[0] === 0x02 ? 10 : 9;
  let frames = 0;
  while (at + 2 <= buf.length) {
    const size = buf.readInt16LE(at);
    if (size === -1) break; // the optional end marker
    if (size <= 0 || at + 2 + size > buf.length) return undefined;
    at += 2 + size;
    frames += 1;
  }
  return frames > 0 ? frames * 20 : undefined;
}

/** FLV: the timestamp of the last audio tag. */
export function flvDuration(buf: Buffer): number | undefined {
  if (buf.length < 13) return undefined;
  let at = buf.readUInt32BE(5) + 4;
  let last: number | undefined;
  while (at + 11 <= buf.length) {
    const type = buf[at]!;
    const size = buf.readUIntBE(at + 1, 3);
    const time = buf.readUIntBE(at + 4, 3) | (buf[at + 7]! << 24);
    if (at + 11 + size + 4 > buf.length) break;
    if (type === 8) last = time;
    at += 11 + size + 4;
  }
  return last;
}

/** The real-time channel's opus framing: `opus`, a 16-bit length, then the packet; 640 samples per packet. */
export function opusFramesDuration(buf: Buffer, sampleRate: number): number | undefined {
  for (const read of [(at: number) => buf.readUInt16BE(at), (at: number) => buf.readUInt16LE(at)]) {
    let at = 0;
    let frames = 0;
    while (at + 6 <= buf.length && buf.toString('latin1', at, at + 4) === 'opus') {
      at += 6 + read(at + 4);
      frames += 1;
    }
    if (at === buf.length && frames > 0) return (frames * 640 * 1000) / sampleRate;
  }
  return undefined;
}
