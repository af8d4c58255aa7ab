// How long compressed audio lasts, read from its container by music-metadata (a well-kept parser for
// MP3, MP4/M4A/3GP, Ogg, FLAC, AAC ADTS and ASF/WMA) or by the frame walks of frames.ts.
import { parseBuffer } from 'music-metadata';
import type { Container } from '../../model/audio-types.js';
import { amrDuration, flvDuration, opusFramesDuration, silkDuration } from './frames.js';

export interface Measured {
  ms: number;
  sampleRate?: number;
  channels?: number;
}

const PARSED: ReadonlySet<Container> = new Set(['mp3', 'mp4', 'ogg', 'speex', 'flac', 'aac', 'asf']);

/** The duration of `buf` as `container`, or undefined when the container cannot be read. */
export async function measureCompressed(buf: Buffer, container: Container, sampleRate: number | undefined): Promise<Measured | undefined> {
  switch (container) {
    case 'amr': {
      const r = amrDuration(buf);
      return r && { ms: r.ms, sampleRate: r.sampleRate, channels: 1 };
    }
    case 'silk': {
      const ms = silkDuration(buf);
      return ms === undefined ? undefined : { ms };
    }
    case 'flv': {
      const ms = flvDuration(buf);
      return ms === undefined ? undefined : { ms };
    }
    case 'opus-frames': {
      const ms = opusFramesDuration(buf, sampleRate ?? 16000);
      return ms === undefined ? undefined : { ms };
    }
    default:
      if (!PARSED.has(container)) return undefined;
  }
  try {
    const { format } = await parseBuffer(buf, undefined, { duration: true, skipCovers: true, skipPostHeaders: true });
    if (format.duration === undefined || !Number.isFinite(format.duration) || format.duration <= 0) return undefined;
    return { ms: format.duration * 1000, ...(format.sampleRate ? { sampleRate: format.sampleRate } : {}), ...(format.numberOfChannels ? { channels: format.numberOfChannels } : {}) };
  } catch {
    return undefined;
  }
}
