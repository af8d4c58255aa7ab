// The audio stage for a WebSocket: frames arrive one by one in the format the URL names. pcm and
// WAV (header in the first frame) are timed exactly and measured for silence; MP3, AAC and M4A
// frames through their containers; the channel's opus framing by its packets. Codecs the emulator
// cannot read (raw speex and silk frames) are counted at the channel's byte rate.
import type { AudioRules, Container } from '../../model/audio-types.js';
import { claimedContainer, expectedRate, pcmRate, type AudioRefusal } from './check.js';
import { isSilent } from './energy.js';
import { opusFramesDuration } from './frames.js';
import { measureCompressed } from './measure.js';
import { looksLikeText, sniffContainer } from './sniff.js';
import { parseWav, type PcmLayout } from './wav.js';

export interface StreamChunk {
  ms: number;
  silent: boolean;
}

const CONTAINER_READ: ReadonlySet<Container> = new Set(['mp3', 'aac', 'mp4', 'ogg', 'flac']);

export class AudioStream {
  private readonly container: Container | undefined;
  private readonly rate: number;
  private layout: Omit<PcmLayout, 'dataOffset' | 'dataBytes'> | undefined;
  private frames = 0;
  /** Bytes per ms seen so far in a compressed stream, for frames cut where no container can be read. */
  private bytesPerMs: number | undefined;

  constructor(
    private readonly rules: AudioRules,
    private readonly params: Record<string, unknown>,
    private readonly silenceDbfs: number,
    /** For frames the emulator cannot read. */
    private readonly opaqueBytesPerMs: number,
  ) {
    this.container = claimedContainer(rules, params);
    this.rate = pcmRate(rules, params) ?? 16000;
  }

  private refuse(rule: AudioRefusal['rule'], args: AudioRefusal['args']): AudioRefusal {
    const param = rule === 'format' && this.rules.formatParameter ? this.rules.formatParameter : 'audio';
    return { rule, param, code: (this.rules.errors[rule] ?? this.rules.errors.unreadable).code, args };
  }

  async push(chunk: Buffer): Promise<StreamChunk | AudioRefusal> {
    const first = this.frames === 0;
    this.frames += 1;
    if (chunk.length === 0) return { ms: 0, silent: true };
    const sniffed = first ? sniffContainer(chunk) : undefined;
    switch (this.container) {
      case 'pcm':
      case undefined:
        return this.pcm(chunk, { sampleRate: this.rate, channels: 1, bitsPerSample: 16, encoding: 'int' }, 0);
      case 'wav': {
        if (first) {
          if (sniffed !== 'wav') return this.refuse(sniffed ? 'format' : 'unreadable', { claimed: 'wav', found: sniffed ?? 'unknown', reason: 'the first frame has no RIFF/WAVE header' });
          const layout = parseWav(chunk);
          if (typeof layout === 'string' && layout !== 'it holds no samples') return this.refuse('unreadable', { reason: `wav: ${layout}` });
          const header = typeof layout === 'string' ? undefined : layout;
          const expected = expectedRate(this.rules, this.params);
          if (header && this.rules.errors.rate && expected && header.sampleRate !== expected) return this.refuse('rate', { found: header.sampleRate, expected });
          if (!header) return { ms: 0, silent: true };
          this.layout = header;
          return this.pcm(chunk, header, header.dataOffset);
        }
        return this.pcm(chunk, this.layout ?? { sampleRate: this.rate, channels: 1, bitsPerSample: 16, encoding: 'int' }, 0);
      }
      case 'opus-frames': {
        const ms = opusFramesDuration(chunk, this.rate);
        return ms === undefined ? this.refuse('unreadable', { reason: 'a frame does not follow the opus framing' }) : { ms, silent: false };
      }
      default: {
        if (first && sniffed && sniffed !== this.container && !(this.container === 'speex' && sniffed === 'speex')) {
          return this.refuse('format', { claimed: this.container, found: sniffed });
        }
        if (first && looksLikeText(chunk)) return this.refuse('unreadable', { reason: 'it is text, not audio' });
        if (!CONTAINER_READ.has(this.container)) return { ms: chunk.length / this.opaqueBytesPerMs, silent: false };
        const measured = await measureCompressed(chunk, this.container, this.rate);
        if (measured) {
          this.bytesPerMs = chunk.length / measured.ms;
          return { ms: measured.ms, silent: false };
        }
        // A frame split across messages: timed at the rate of what came before it.
        if (first || !this.bytesPerMs) return this.refuse('unreadable', { reason: `its ${this.container} data cannot be read` });
        return { ms: chunk.length / this.bytesPerMs, silent: false };
      }
    }
  }

  private pcm(chunk: Buffer, layout: Omit<PcmLayout, 'dataOffset' | 'dataBytes'>, offset: number): StreamChunk {
    const frame = layout.channels * (layout.bitsPerSample / 8);
    const dataBytes = chunk.length - offset - ((chunk.length - offset) % frame);
    const ms = (dataBytes * 1000) / (layout.sampleRate * frame);
    return { ms, silent: dataBytes === 0 || isSilent(chunk, { ...layout, dataOffset: offset, dataBytes }, this.silenceDbfs) };
  }
}
