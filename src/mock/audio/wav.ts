// RIFF/WAVE headers: the format chunk and where the samples are. Durations of WAV are exact: sample
// bytes divided by rate, channels and sample size.

export interface PcmLayout {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 1 integer pcm, 3 IEEE float. */
  encoding: 'int' | 'float';
  dataOffset: number;
  dataBytes: number;
}

/** The layout of a WAV file, or a sentence saying what is wrong with it. */
export function parseWav(buf: Buffer): PcmLayout | string {
  let fmt: Omit<PcmLayout, 'dataOffset' | 'dataBytes'> | undefined;
  let at = 12;
  while (at + 8 <= buf.length) {
    const id = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) return 'its fmt chunk is cut short';
      let tag = buf.readUInt16LE(body);
      if (tag === 0xfffe && size >= 40) tag = buf.readUInt16LE(body + 24); // WAVE_FORMAT_EXTENSIBLE: the sub-format
      if (tag !== 1 && tag !== 3) return `it holds encoding ${tag}, not pcm`;
      const channels = buf.readUInt16LE(body + 2);
      const sampleRate = buf.readUInt32LE(body + 4);
      const bitsPerSample = buf.readUInt16LE(body + 14);
      if (channels < 1 || sampleRate < 1 || ![8, 16, 24, 32].includes(bitsPerSample)) return 'its fmt chunk has impossible values';
      fmt = { sampleRate, channels, bitsPerSample, encoding: tag === 3 ? 'float' : 'int' };
    } else if (id === 'data') {
      if (!fmt) return 'its data chunk comes before the fmt chunk';
      // Streamed WAV writers leave the size at 0 or 0xFFFFFFFF: the samples run to the end.
      const available = buf.length - body;
      const dataBytes = size === 0 || size > available ? available : size;
      const frame = fmt.channels * (fmt.bitsPerSample / 8);
      if (dataBytes < frame) return 'it holds no samples';
      return { ...fmt, dataOffset: body, dataBytes: dataBytes - (dataBytes % frame) };
    }
    at = body + size + (size % 2);
  }
  return fmt ? 'it has no data chunk' : 'it has no fmt chunk';
}

export function pcmDurationMs(layout: Pick<PcmLayout, 'sampleRate' | 'channels' | 'bitsPerSample' | 'dataBytes'>): number {
  return (layout.dataBytes * 8 * 1000) / (layout.sampleRate * layout.channels * layout.bitsPerSample);
}
