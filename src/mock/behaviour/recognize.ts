// Deterministic "recognition": the transcript is drawn from the passages of specs/emulator.yaml in the
// engine's language, starting at one picked by a hash of the audio, with words at a natural pace
// that each start where the previous one ended. Audio of known duration is filled up to its end and
// never beyond; silence gives no words; a URL (never fetched) gets one passage.
import { createHash } from 'node:crypto';
import type { EmulatorSpec, Transcript } from '../../model/emulator-types.js';

export interface RecognizedWord {
  text: string;
  startMs: number;
  endMs: number;
  /** Relative to the start of the sentence. */
  offsetStartMs: number;
  offsetEndMs: number;
}

export interface RecognizedSentence {
  text: string;
  startMs: number;
  endMs: number;
  words: RecognizedWord[];
  wordCount: number;
  /** Characters (unspaced languages) or words per second, one decimal. */
  speed: number;
  speakerId: number;
  /** Silence before the sentence, ms. */
  silenceMs: number;
}

export interface Recognition {
  lang: string;
  text: string;
  durationMs: number;
  durationSec: number;
  wordCount: number;
  words: RecognizedWord[];
  sentences: RecognizedSentence[];
  /** The key the passage was chosen by: a hash of the audio. */
  fingerprint: string;
}

/** What recognition knows of inspected audio (src/mock/audio). */
export interface HeardAudio {
  fingerprint: string;
  durationMs: number;
  silent: boolean;
  /** Words a real recogniser heard (--recognizer); the canned passages otherwise. */
  transcript?: { words: { text: string; startMs: number; endMs: number }[] };
}

const PUNCTUATION = /[\p{P}\s]+/gu;
const LEAD_IN_MS = 160;
const SENTENCE_GAP_MS = 440;
const TAIL_MS = 300;

export function audioFingerprint(audio: unknown): string {
  const text = typeof audio === 'string' ? audio : JSON.stringify(audio ?? '');
  return createHash('sha256').update(text).digest('hex');
}

export function isHeardAudio(v: unknown): v is HeardAudio {
  return v !== null && typeof v === 'object' && typeof (v as HeardAudio).fingerprint === 'string' && typeof (v as HeardAudio).durationMs === 'number';
}

/** The transcript language of an engine (first matching pattern), or the fallback when it has no passage. */
const languages = new WeakMap<EmulatorSpec, Map<string, string>>();

/** The transcript language of an engine, by the first matching pattern; worked out once per engine name. */
export function languageOf(spec: EmulatorSpec, engine: unknown): string {
  const name = typeof engine === 'string' ? engine : '';
  let known = languages.get(spec);
  if (!known) languages.set(spec, (known = new Map()));
  let lang = known.get(name);
  if (lang === undefined) {
    const matched = spec.languages.engines.find((e) => new RegExp(e.pattern).test(name))?.lang;
    lang = matched && spec.transcripts.some((t) => t.lang === matched) ? matched : spec.languages.fallback;
    if (known.size < 256) known.set(name, lang);
  }
  return lang;
}

function wordDuration(word: string, unspaced: boolean): number {
  const bare = word.replace(PUNCTUATION, '');
  const units = unspaced ? [...bare].length : Math.max(1, Math.ceil(bare.length / 3));
  return 80 + 160 * Math.max(1, units);
}

/**
 * Sentences at a natural pace, from the passage `start` on, cycling through every passage of the
 * language: as long as a caller keeps asking. Times are from the start of the audio.
 */
export function* timeline(passages: readonly Transcript[], start: number, unspaced: boolean, leadInMs = LEAD_IN_MS): Generator<RecognizedSentence> {
  const joiner = unspaced ? '' : ' ';
  let clock = leadInMs;
  let index = 0;
  for (let p = start; ; p++) {
    const passage = passages[p % passages.length]!;
    for (const sentence of passage.sentences) {
      const silenceMs = index === 0 ? leadInMs : SENTENCE_GAP_MS;
      if (index > 0) clock += SENTENCE_GAP_MS;
      const begin = clock;
      const words = sentence.split(' ').map((raw) => {
        const from = clock;
        clock += wordDuration(raw, unspaced);
        return { text: raw.replace(PUNCTUATION, ''), startMs: from, endMs: clock, offsetStartMs: from - begin, offsetEndMs: clock - begin };
      });
      yield sentenceOf(sentence.split(' ').join(joiner), words, index, silenceMs, unspaced);
      index += 1;
    }
  }
}

export function sentenceOf(text: string, words: RecognizedWord[], index: number, silenceMs: number, unspaced: boolean): RecognizedSentence {
  const startMs = words[0]!.startMs;
  const endMs = words.at(-1)!.endMs;
  const units = unspaced ? [...text.replace(PUNCTUATION, '')].length : words.length;
  return { text, startMs, endMs, words, wordCount: words.length, speed: Math.round((units / Math.max(0.001, (endMs - startMs) / 1000)) * 10) / 10, speakerId: index % 2, silenceMs };
}

/** A sentence cut after its first `n` words (the audio ended inside it). */
export function truncated(s: RecognizedSentence, n: number, unspaced: boolean): RecognizedSentence {
  const words = s.words.slice(0, n);
  return sentenceOf(words.map((w) => w.text).join(unspaced ? '' : ' '), words, s.speakerId, s.silenceMs, unspaced);
}

// The same audio is recognised again and again (polls, retries, load tests); results are immutable.
const cache = new Map<string, { spec: EmulatorSpec; result: Recognition }>();
const CACHE_LIMIT = 512;

/** `audio` is inspected audio (HeardAudio) or anything else a request names it by (a URL). */
export function recognize(spec: EmulatorSpec, audio: unknown, engine?: unknown): Recognition {
  const heard = isHeardAudio(audio) ? audio : undefined;
  const fingerprint = heard?.fingerprint ?? audioFingerprint(audio);
  const lang = languageOf(spec, engine);
  const key = `${fingerprint}|${lang}|${heard ? `${heard.durationMs}|${heard.silent}|${heard.transcript ? 'heard' : 'canned'}` : 'url'}`;
  const hit = cache.get(key);
  if (hit && hit.spec === spec) return hit.result;
  const result = deepFreeze(freshRecognition(spec, fingerprint, lang, heard));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { spec, result });
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function passagesOf(spec: EmulatorSpec, lang: string): Transcript[] {
  return spec.transcripts.filter((t) => t.lang === lang);
}

export function startPassage(fingerprint: string, count: number): number {
  return parseInt(fingerprint.slice(0, 8), 16) % count;
}

function freshRecognition(spec: EmulatorSpec, fingerprint: string, lang: string, heard: HeardAudio | undefined): Recognition {
  const passages = passagesOf(spec, lang);
  const unspaced = spec.languages.unspaced.includes(lang);
  const start = startPassage(fingerprint, passages.length);
  const sentences: RecognizedSentence[] = [];
  let durationMs: number;
  if (!heard) {
    // A URL: one passage at its natural pace.
    const count = passages[start]!.sentences.length;
    for (const s of timeline(passages, start, unspaced)) {
      sentences.push(s);
      if (sentences.length === count) break;
    }
    durationMs = sentences.at(-1)!.endMs + TAIL_MS;
  } else {
    durationMs = heard.durationMs;
    if (heard.transcript) sentences.push(...heardSentences(heard.transcript.words, durationMs, unspaced));
    else if (!heard.silent) sentences.push(...fitted(passages, start, unspaced, durationMs));
  }
  const words = sentences.flatMap((s) => s.words);
  return {
    lang,
    text: sentences.map((s) => s.text).join(unspaced ? '' : ' '),
    durationMs: Math.round(durationMs),
    durationSec: Math.round(durationMs / 10) / 100,
    wordCount: words.length,
    words,
    sentences,
    fingerprint,
  };
}

/** Sentences whose words all end by `durationMs`; very short audio gets one word squeezed into it. */
function fitted(passages: readonly Transcript[], start: number, unspaced: boolean, durationMs: number): RecognizedSentence[] {
  const out: RecognizedSentence[] = [];
  const leadIn = Math.min(LEAD_IN_MS, Math.floor(durationMs / 4));
  for (const s of timeline(passages, start, unspaced, leadIn)) {
    const fit = s.words.filter((w) => w.endMs <= durationMs).length;
    if (fit === s.words.length) out.push(s);
    else {
      if (fit > 0) out.push(truncated(s, fit, unspaced));
      break;
    }
  }
  if (out.length === 0 && durationMs > leadIn) {
    const first = timeline(passages, start, unspaced, leadIn).next().value!.words[0]!;
    const end = Math.floor(durationMs);
    out.push(sentenceOf(first.text, [{ ...first, endMs: end, offsetEndMs: end - leadIn }], 0, leadIn, unspaced));
  }
  return out;
}

/** What a real recogniser heard, as one sentence whose words keep their own times (within the audio). */
function heardSentences(heardWords: NonNullable<HeardAudio['transcript']>['words'], durationMs: number, unspaced: boolean): RecognizedSentence[] {
  if (heardWords.length === 0) return [];
  const begin = heardWords[0]!.startMs;
  const words = heardWords.map((w) => {
    const endMs = Math.min(w.endMs, Math.floor(durationMs));
    return { text: w.text, startMs: Math.min(w.startMs, endMs), endMs, offsetStartMs: Math.min(w.startMs, endMs) - begin, offsetEndMs: endMs - begin };
  });
  return [sentenceOf(words.map((w) => w.text).join(unspaced ? '' : ' '), words, 0, begin, unspaced)];
}
