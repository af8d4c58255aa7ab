// One WebSocket session of the emulator. The protocol machinery is generic (acknowledge, read and
// time the audio, enforce the channel's limits, answer `end`); what each message contains comes from
// the channel's spec bindings. Transcript mode streams sentence slices as audio time passes each
// word, and never a word that ends after the audio received so far; detection mode answers once
// enough voiced (non-silent) audio has arrived.
import { evaluateValue, Scope } from '../../model/expr-eval.js';
import type { Channel } from '../../model/surface-types.js';
import type { Model } from '../../model/types.js';
import { AudioStream } from '../audio/stream.js';
import { withDefaults } from '../defaults.js';
import { fingerprintOf } from '../audio/inspect.js';
import { refusalDetail } from '../audio/refusal-text.js';
import { languageOf, passagesOf, sentenceOf, startPassage, timeline, truncated, type RecognizedSentence } from '../behaviour/recognize.js';
import type { EmulatorOptions } from '../options.js';
import type { Store } from '../state/store.js';
import { statusByCode, statusOf } from '../surfaces/codes.js';
import { buildMessage } from './messages.js';

export interface SessionIo {
  send(text: string): void;
  close(): void;
}

export interface SessionDeps {
  model: Model;
  channel: Channel;
  options: EmulatorOptions;
  store: Store;
  io: SessionIo;
  /** Business name counted for usage when a transcript session ends (specs: the emulator's meter). */
  meter?: string;
}

type Slice = { sliceType: number; index: number; startMs: number; endMs: number; text: string; words: { text: string; startMs: number; endMs: number; stable: number }[]; wordCount: number; final: boolean };

const LEAD_IN_MS = 160;

export class Session {
  private readonly voiceId: string;
  private readonly resultMessage: string;
  private readonly stream: AudioStream | undefined;
  private readonly opaqueBytesPerMs: number;
  private readonly lang: string;
  private readonly unspaced: boolean;
  private audioMs = 0;
  private voicedMs = 0;
  private seq = 0;
  /** Sentences at a natural pace from the first voiced audio on, pulled as the audio reaches them. */
  private script: Generator<RecognizedSentence> | undefined;
  private current: RecognizedSentence | undefined;
  private sentence = 0;
  private wordsShown = 0;
  private closed = false;
  private silenceTimer: NodeJS.Timeout | undefined;
  private readonly window: { at: number; ms: number }[] = [];
  /** Frames are read in order, one after the other (some formats are read asynchronously). */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly params: Record<string, unknown>,
    private readonly deps: SessionDeps,
  ) {
    const spec = deps.channel.emulator!;
    const scope = new Scope({ params });
    this.voiceId = String(evaluateValue(spec.voiceId, scope) ?? '');
    this.opaqueBytesPerMs = Number(evaluateValue(spec.bytesPerMs, scope)) || 32;
    this.resultMessage = spec.resultMessage ? String(evaluateValue(spec.resultMessage, scope)) : 'result';
    const rules = deps.channel.messages.find((m) => m.direction === 'send' && m.binary && m.audio)?.audio;
    this.stream = rules && new AudioStream(rules, withDefaults(deps.channel.query, params), deps.model.emulator.audio.silenceDbfs, this.opaqueBytesPerMs);
    const engine = deps.channel.parameterRoles.engine;
    this.lang = languageOf(deps.model.emulator, engine ? params[engine] : undefined);
    this.unspaced = deps.model.emulator.languages.unspaced.includes(this.lang);
  }

  private vars(extra: Record<string, unknown>): Record<string, unknown> {
    this.seq += 1;
    return { params: this.params, session: { voiceId: this.voiceId, seq: this.seq, audioMs: this.audioMs }, status: statusOf(this.deps.channel.codes, 'success'), ...extra };
  }

  private send(name: string, extra: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.deps.io.send(buildMessage(this.deps.model, this.deps.channel, name, this.vars(extra)));
  }

  start(): void {
    this.send('ack');
    this.armSilence();
  }

  fail(role: string, detail?: string): void {
    this.failWith(statusOf(this.deps.channel.codes, role, detail));
  }

  private failWith(status: { code: number; message: string }): void {
    if (this.closed) return;
    this.send('error', { status });
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.silenceTimer);
    if (this.deps.meter && this.audioMs > 0) {
      try {
        this.deps.store.meter(this.deps.meter, new Date(this.deps.store.now() + 8 * 3600_000).toISOString().slice(0, 10), this.audioMs / 1000);
      } catch {
        // a full usage table must not break the session's close
      }
    }
    this.deps.io.close();
  }

  private armSilence(): void {
    clearTimeout(this.silenceTimer);
    const seconds = this.deps.channel.limits.silenceSeconds;
    if (seconds === undefined) return;
    const ms = this.deps.options.wsSilenceMs ?? seconds * 1000;
    this.silenceTimer = setTimeout(() => this.fail('silence-timeout', `no audio for ${seconds} s`), ms);
    this.silenceTimer.unref?.();
  }

  onAudio(chunk: Buffer): void {
    if (this.closed) return;
    this.armSilence();
    this.queue = this.queue.then(() => this.readAudio(chunk)).catch((e: unknown) => this.internal(e));
  }

  onText(text: string): void {
    if (this.closed) return;
    this.queue = this.queue.then(() => this.readText(text)).catch((e: unknown) => this.internal(e));
  }

  onClose(): void {
    this.closed = true;
    clearTimeout(this.silenceTimer);
  }

  private internal(e: unknown): void {
    this.deps.options.log(`internal error in ${this.deps.channel.name}: ${(e as Error).stack ?? String(e)}`);
    this.fail('internal-error');
  }

  private async readAudio(chunk: Buffer): Promise<void> {
    if (this.closed) return;
    const heard = this.stream ? await this.stream.push(chunk) : { ms: chunk.length / this.opaqueBytesPerMs, silent: false };
    if (this.closed) return;
    if ('rule' in heard) return this.failWith(statusByCode(this.deps.channel.codes, heard.code, refusalDetail(this.deps.model, heard)));
    const limit = this.deps.channel.limits.audioSecondsPerSecond;
    if (limit !== undefined) {
      const now = this.deps.options.now();
      this.window.push({ at: now, ms: heard.ms });
      while (this.window.length > 0 && this.window[0]!.at <= now - 1000) this.window.shift();
      const inLastSecond = this.window.reduce((t, w) => t + w.ms, 0);
      if (inLastSecond > limit * 1000) return this.fail('too-fast', `${(inLastSecond / 1000).toFixed(1)} s of audio within 1 s`);
    }
    if (!heard.silent && !this.script) {
      // Speech starts where the first voiced frame does; the passage is picked by that frame.
      const passages = passagesOf(this.deps.model.emulator, this.lang);
      this.script = timeline(passages, startPassage(fingerprintOf(chunk), passages.length), this.unspaced, this.audioMs + LEAD_IN_MS);
    }
    this.audioMs += heard.ms;
    if (!heard.silent) this.voicedMs += heard.ms;
    const spec = this.deps.channel.emulator!;
    if (spec.mode === 'detection') {
      if (this.voicedMs > 0 && this.voicedMs >= (spec.decisionAfterMs ?? 0)) this.decide(true);
      return;
    }
    this.emitSlices(false);
  }

  private readText(text: string): void {
    if (this.closed) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (!isEndMessage(message, this.deps.channel)) return this.fail('unknown-message', text.slice(0, 60));
    if (this.deps.channel.emulator!.mode === 'detection') return this.decide(false);
    this.emitSlices(true);
    this.send('final', { event: { final: 1 } });
    this.finish();
  }

  private decide(enoughAudio: boolean): void {
    const decision = enoughAudio ? evaluateValue(this.deps.channel.emulator!.decision ?? { kind: 'literal', value: 1 }, new Scope({ params: this.params })) : 0;
    this.send(this.resultMessage, { event: { decision, final: 1 } });
    this.finish();
  }

  /** Results for every word the audio has passed; at the end, the sentence in progress is closed there. */
  private emitSlices(end: boolean): void {
    if (!this.script) return;
    for (;;) {
      const s = (this.current ??= this.script.next().value as RecognizedSentence);
      const reached = s.words.filter((w) => w.endMs <= this.audioMs).length;
      const done = reached === s.words.length;
      if (reached === 0) {
        // Speech too short for a word at a natural pace: as with a short file, one word squeezed into it.
        if (end && this.sentence === 0 && s.words[0]!.startMs < this.audioMs) this.send(this.resultMessage, { event: squeezed(s, this.audioMs, this.unspaced) });
        return;
      }
      if (!done && !end && reached === this.wordsShown) return; // nothing new yet
      const closing = done || end;
      const sentence = done ? s : truncated(s, reached, this.unspaced);
      const sliceType = closing ? 2 : this.wordsShown === 0 ? 0 : 1;
      const words = sentence.words.map((w) => ({ text: w.text, startMs: w.startMs, endMs: w.endMs, stable: closing ? 1 : 0 }));
      const slice: Slice = { sliceType, index: this.sentence, startMs: s.startMs, endMs: words.at(-1)!.endMs, text: sentence.text, words, wordCount: words.length, final: closing };
      this.send(this.resultMessage, { event: slice });
      if (!closing) {
        this.wordsShown = reached;
        return;
      }
      this.sentence += 1;
      this.wordsShown = 0;
      this.current = undefined;
      if (end && !done) return;
    }
  }
}

function squeezed(s: RecognizedSentence, audioMs: number, unspaced: boolean): Slice {
  const first = s.words[0]!;
  const endMs = Math.floor(audioMs);
  const only = sentenceOf(first.text, [{ ...first, endMs, offsetEndMs: endMs - first.startMs }], 0, s.silenceMs, unspaced);
  return { sliceType: 2, index: 0, startMs: only.startMs, endMs, text: only.text, words: [{ text: first.text, startMs: first.startMs, endMs, stable: 1 }], wordCount: 1, final: true };
}

/** A text frame is `end` when it matches the channel's `end` message ({"type":"end"}). */
function isEndMessage(message: unknown, channel: Channel): boolean {
  const end = channel.messages.find((m) => m.name === 'end' && m.direction === 'send');
  if (!end?.payload || message === null || typeof message !== 'object' || Array.isArray(message)) return false;
  return end.payload.fields.every((f) => {
    const v = (message as Record<string, unknown>)[f.name];
    return !f.required || (v !== undefined && (!f.constraints.enum || f.constraints.enum.includes(v as never)));
  });
}
