// Reads a buffer as audio: which container it is, how long it lasts and whether it is silent.
// WAV and pcm durations are exact (sample bytes over rate, channels and sample size); compressed
// ones come from the container. The bytes must be what the request says they are.
import { sha256Hex } from '../../signing/tc3.js';
import type { AudioRule, Container } from '../../model/audio-types.js';
import type { Transcript } from '../recognizer/transcriber.js';
import { isSilent } from './energy.js';
import { measureCompressed } from './measure.js';
import { looksLikeText, sniffContainer } from './sniff.js';
import { parseWav, pcmDurationMs } from './wav.js';

export interface AudioSettings {
  silenceDbfs: number;
  opaqueKbps: number;
}

export interface AudioFacts {
  container: Container;
  durationMs: number;
  /** exact: wav and pcm; container: read from a compressed container; estimate: a codec the emulator cannot read. */
  measured: 'exact' | 'container' | 'estimate';
  sampleRate?: number;
  channels?: number;
  /** Digital silence; only known for wav and pcm, false otherwise. */
  silent: boolean;
  bytes: number;
  /** Same audio, same fingerprint: what the canned transcript is picked by. */
  fingerprint: string;
  /** What a real recogniser (--recognizer) heard, when one served this audio. */
  transcript?: Transcript;
}

/** A broken rule, with the values its message quotes. */
export interface AudioProblem {
  rule: AudioRule;
  args: Record<string, string | number>;
}

export interface AudioExpectation {
  /** What the request says the bytes are; without it they must be one of `accepted`. */
  claimed?: Container;
  accepted: readonly Container[];
  /** Sample rate of raw pcm, which carries none of its own. */
  pcmRate?: number;
}

const unreadable = (reason: string): AudioProblem => ({ rule: 'unreadable', args: { reason } });

const WHOLE = 4096;
const WINDOWS = 16;
const WINDOW_BYTES = 128;

/**
 * Same audio, same fingerprint, and so the same canned transcript. Short audio is hashed whole;
 * longer audio by its length and 16 windows spread evenly over it, which tells recordings apart
 * without hashing megabytes on every call (it was a tenth of a SentenceRecognition call).
 */
export function fingerprintOf(buf: Buffer): string {
  if (buf.length <= WHOLE) return sha256Hex(buf);
  const sample = Buffer.allocUnsafe(8 + WINDOWS * WINDOW_BYTES);
  sample.writeDoubleLE(buf.length, 0);
  const stride = Math.floor((buf.length - WINDOW_BYTES) / (WINDOWS - 1));
  for (let i = 0; i < WINDOWS; i++) buf.copy(sample, 8 + i * WINDOW_BYTES, i * stride, i * stride + WINDOW_BYTES);
  return sha256Hex(sample);
}

export async function inspectAudio(buf: Buffer, expect: AudioExpectation, settings: AudioSettings): Promise<AudioFacts | AudioProblem> {
  if (buf.length === 0) return unreadable('it is empty');
  const sniffed = sniffContainer(buf);
  let container: Container;
  if (expect.claimed) {
    if (sniffed && sniffed !== expect.claimed) return { rule: 'format', args: { claimed: expect.claimed, found: sniffed } };
    container = expect.claimed;
  } else {
    if (!sniffed) return unreadable('its bytes match no audio format');
    if (!expect.accepted.includes(sniffed)) return unreadable(`it holds ${sniffed}, which is not accepted here`);
    container = sniffed;
  }
  if (!sniffed && container !== 'pcm' && container !== 'speex') return unreadable('its bytes match no audio format');
  const base = { container, bytes: buf.length, fingerprint: fingerprintOf(buf) };

  if (container === 'wav') {
    const layout = parseWav(buf);
    if (typeof layout === 'string') return unreadable(`wav: ${layout}`);
    return { ...base, durationMs: pcmDurationMs(layout), measured: 'exact', sampleRate: layout.sampleRate, channels: layout.channels, silent: isSilent(buf, layout, settings.silenceDbfs) };
  }
  if (container === 'pcm') {
    if (looksLikeText(buf)) return unreadable('it is text, not pcm');
    if (buf.length % 2 !== 0) return unreadable('an odd number of bytes cannot be 16-bit pcm');
    const layout = { sampleRate: expect.pcmRate ?? 16000, channels: 1, bitsPerSample: 16, encoding: 'int' as const, dataBytes: buf.length };
    return { ...base, durationMs: pcmDurationMs(layout), measured: 'exact', sampleRate: layout.sampleRate, channels: 1, silent: isSilent(buf, layout, settings.silenceDbfs) };
  }
  if (container === 'speex' && sniffed !== 'speex') {
    // Raw speex frames carry no header the emulator could read: their duration is an estimate.
    if (looksLikeText(buf)) return unreadable('it is text, not speex');
    return { ...base, durationMs: (buf.length * 8) / settings.opaqueKbps, measured: 'estimate', silent: false };
  }
  if (sniffed !== container) return unreadable(`it is not ${container} audio`);
  const measured = await measureCompressed(buf, container, expect.pcmRate);
  if (!measured) return unreadable(`its ${container} data cannot be read`);
  return {
    ...base,
    durationMs: measured.ms,
    measured: 'container',
    ...(measured.sampleRate ? { sampleRate: measured.sampleRate } : {}),
    ...(measured.channels ? { channels: measured.channels } : {}),
    silent: false,
  };
}

export function isProblem(x: AudioFacts | AudioProblem): x is AudioProblem {
  return 'rule' in x;
}
