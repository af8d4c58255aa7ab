// One WebSocket session of the emulator. The protocol machinery is generic (acknowledge, count
// audio, enforce the channel's limits, answer `end`); what each message contains comes from the
// channel's spec bindings. Transcript mode streams sentence slices as audio time passes them;
// detection mode answers once enough audio has arrived.
import { evaluateValue, Scope } from '../../model/expr-eval.js';
import type { Channel } from '../../model/surface-types.js';
import type { Model } from '../../model/types.js';
import { recognize, type Recognition } from '../behaviour/recognize.js';
import type { EmulatorOptions } from '../options.js';
import type { Store } from '../state/store.js';
import { statusOf } from '../surfaces/codes.js';
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

export class Session {
  private readonly voiceId: string;
  private readonly bytesPerMs: number;
  private readonly resultMessage: string;
  private audioMs = 0;
  private seq = 0;
  private rec: Recognition | undefined;
  private sentence = 0;
  private wordsShown = 0;
  private closed = false;
  private silenceTimer: NodeJS.Timeout | undefined;
  private readonly window: { at: number; ms: number }[] = [];

  constructor(
    private readonly params: Record<string, unknown>,
    private readonly deps: SessionDeps,
  ) {
    const spec = deps.channel.emulator!;
    const scope = new Scope({ params });
    this.voiceId = String(evaluateValue(spec.voiceId, scope) ?? '');
    this.bytesPerMs = Number(evaluateValue(spec.bytesPerMs, scope)) || 32;
    this.resultMessage = spec.resultMessage ? String(evaluateValue(spec.resultMessage, scope)) : 'result';
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
    if (this.closed) return;
    this.send('error', { status: statusOf(this.deps.channel.codes, role, detail) });
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.silenceTimer);
    if (this.deps.meter && this.audioMs > 0) {
      try {
        this.deps.store.meter(this.deps.meter, new Date(this.deps.options.now() + 8 * 3600_000).toISOString().slice(0, 10), this.audioMs / 1000);
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
    const ms = chunk.length / this.bytesPerMs;
    const limit = this.deps.channel.limits.audioSecondsPerSecond;
    if (limit !== undefined) {
      const now = this.deps.options.now();
      this.window.push({ at: now, ms });
      while (this.window.length > 0 && this.window[0]!.at <= now - 1000) this.window.shift();
      const inLastSecond = this.window.reduce((t, w) => t + w.ms, 0);
      if (inLastSecond > limit * 1000) return this.fail('too-fast', `${(inLastSecond / 1000).toFixed(1)} s of audio within 1 s`);
    }
    this.rec ??= recognize(this.deps.model.emulator.transcripts, chunk.toString('base64'));
    this.audioMs += ms;
    this.armSilence();
    const spec = this.deps.channel.emulator!;
    if (spec.mode === 'detection') {
      if (this.audioMs >= (spec.decisionAfterMs ?? 0)) this.decide(true);
      return;
    }
    this.emitSlices(false);
  }

  onText(text: string): void {
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

  onClose(): void {
    this.closed = true;
    clearTimeout(this.silenceTimer);
  }

  private decide(enoughAudio: boolean): void {
    const decision = enoughAudio ? evaluateValue(this.deps.channel.emulator!.decision ?? { kind: 'literal', value: 1 }, new Scope({ params: this.params, rec: this.rec })) : 0;
    this.send(this.resultMessage, { event: { decision, final: 1 } });
    this.finish();
  }

  /** Results for every sentence and word the audio has reached; at the end, every remaining sentence. */
  private emitSlices(flush: boolean): void {
    const rec = this.rec;
    if (!rec) return;
    while (this.sentence < rec.sentences.length) {
      const s = rec.sentences[this.sentence]!;
      const reached = flush ? s.words.length : s.words.filter((w) => w.endMs <= this.audioMs).length;
      if (reached === 0 || (reached === this.wordsShown && reached < s.words.length)) return;
      const done = reached === s.words.length;
      const sliceType = done ? 2 : this.wordsShown === 0 ? 0 : 1;
      const words = s.words.slice(0, reached).map((w) => ({ text: w.text, startMs: w.startMs, endMs: w.endMs, stable: done ? 1 : 0 }));
      const text = done ? s.text : words.map((w) => w.text).join(rec.lang === 'zh' ? '' : ' ');
      const slice: Slice = { sliceType, index: this.sentence, startMs: s.startMs, endMs: done ? s.endMs : words.at(-1)!.endMs, text, words, wordCount: words.length, final: done };
      this.send(this.resultMessage, { event: slice });
      if (!done) {
        this.wordsShown = reached;
        return;
      }
      this.sentence += 1;
      this.wordsShown = 0;
    }
  }
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
