// Deterministic "recognition": the same audio always yields the same passage from specs/emulator.yaml,
// with word timings that add up (each word starts where the previous one ended).
import { createHash } from 'node:crypto';
import type { Transcript } from '../../model/emulator-types.js';

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
  /** Characters (zh) or words (en) per second, one decimal. */
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

const PUNCTUATION = /[\p{P}\s]+/gu;
const LEAD_IN_MS = 160;
const SENTENCE_GAP_MS = 440;
const TAIL_MS = 300;

export function audioFingerprint(audio: unknown): string {
  const text = typeof audio === 'string' ? audio : JSON.stringify(audio ?? '');
  return createHash('sha256').update(text).digest('hex');
}

function wordDuration(word: string, lang: string): number {
  const bare = word.replace(PUNCTUATION, '');
  const units = lang === 'zh' ? [...bare].length : Math.max(1, Math.ceil(bare.length / 3));
  return 80 + 160 * Math.max(1, units);
}

// The same audio is recognised again and again (polls, retries, load tests); results are immutable.
const cache = new Map<string, { transcripts: readonly Transcript[]; result: Recognition }>();
const CACHE_LIMIT = 512;

export function recognize(transcripts: readonly Transcript[], audio: unknown): Recognition {
  const fingerprint = audioFingerprint(audio);
  const hit = cache.get(fingerprint);
  if (hit && hit.transcripts === transcripts) return hit.result;
  const result = deepFreeze(freshRecognition(transcripts, fingerprint));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, { transcripts, result });
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function freshRecognition(transcripts: readonly Transcript[], fingerprint: string): Recognition {
  const passage = transcripts[parseInt(fingerprint.slice(0, 8), 16) % transcripts.length]!;
  const joiner = passage.lang === 'zh' ? '' : ' ';
  let clock = LEAD_IN_MS;
  const sentences: RecognizedSentence[] = passage.sentences.map((sentence, i) => {
    const silenceMs = i === 0 ? LEAD_IN_MS : SENTENCE_GAP_MS;
    if (i > 0) clock += SENTENCE_GAP_MS;
    const start = clock;
    const words = sentence.split(' ').map((raw) => {
      const begin = clock;
      clock += wordDuration(raw, passage.lang);
      return { text: raw.replace(PUNCTUATION, ''), startMs: begin, endMs: clock, offsetStartMs: begin - start, offsetEndMs: clock - start };
    });
    const text = sentence.split(' ').join(joiner);
    const units = passage.lang === 'zh' ? [...text.replace(PUNCTUATION, '')].length : words.length;
    return {
      text,
      startMs: start,
      endMs: clock,
      words,
      wordCount: words.length,
      speed: Math.round((units / ((clock - start) / 1000)) * 10) / 10,
      speakerId: i % 2,
      silenceMs,
    };
  });
  const durationMs = clock + TAIL_MS;
  const words = sentences.flatMap((s) => s.words);
  return {
    lang: passage.lang,
    text: sentences.map((s) => s.text).join(joiner),
    durationMs,
    durationSec: Math.round(durationMs / 10) / 100,
    wordCount: words.length,
    words,
    sentences,
    fingerprint,
  };
}
