// Audio for the emulator's tests, made here: WAV and raw pcm tones and silence in code, compressed
// formats by ffmpeg (Debian's) at test time into a temporary folder, never hand-made headers.
// Without ffmpeg those cases skip with a message, unless ASR_REQUIRE_AUDIO_TOOLS=1 (CI) makes them fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavHeader } from '../../src/wav-header.js';

export interface ToneOptions {
  ms: number;
  rate?: number;
  channels?: number;
  /** Hz; 0 makes digital silence. */
  freq?: number;
}

/** 16-bit pcm samples of a sine tone (or silence), little-endian, channels interleaved. */
export function pcmTone({ ms, rate = 16000, channels = 1, freq = 440 }: ToneOptions): Buffer {
  const frames = Math.round((rate * ms) / 1000);
  const out = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    const v = freq === 0 ? 0 : Math.round(Math.sin((2 * Math.PI * freq * i) / rate) * 8000);
    for (let c = 0; c < channels; c++) out.writeInt16LE(v, (i * channels + c) * 2);
  }
  return out;
}

export function wavOf(pcm: Buffer, rate = 16000, channels = 1): Buffer {
  return Buffer.concat([wavHeader(pcm.length, rate, channels), pcm]);
}

export const toneWav = (o: ToneOptions): Buffer => wavOf(pcmTone(o), o.rate ?? 16000, o.channels ?? 1);

export const REQUIRE_AUDIO_TOOLS = process.env.ASR_REQUIRE_AUDIO_TOOLS === '1';

export function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Whether the ffmpeg tests run; says why not once, or throws when CI requires them. */
export function audioToolsOrSkip(): boolean {
  if (hasFfmpeg()) return true;
  if (REQUIRE_AUDIO_TOOLS) throw new Error('ASR_REQUIRE_AUDIO_TOOLS=1 but ffmpeg is not installed (apt-get install ffmpeg)');
  console.warn('ffmpeg is not installed: the compressed-audio cases are skipped (apt-get install ffmpeg; ASR_REQUIRE_AUDIO_TOOLS=1 makes them required)');
  return false;
}

const ENCODERS: Record<string, string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-b:a', '32k', '-f', 'mp3'],
  m4a: ['-c:a', 'aac', '-b:a', '32k', '-f', 'ipod'],
  'ogg-opus': ['-c:a', 'libopus', '-b:a', '24k', '-f', 'ogg'],
  aac: ['-c:a', 'aac', '-b:a', '32k', '-f', 'adts'],
  flac: ['-c:a', 'flac', '-f', 'flac'],
};

let dir: string | undefined;
/** The WAV re-encoded by ffmpeg into `format` (one of ENCODERS). */
export function encode(wav: Buffer, format: keyof typeof ENCODERS | string): Buffer {
  dir ??= mkdtempSync(join(tmpdir(), 'asr-audio-'));
  const input = join(dir, `in-${Math.random().toString(36).slice(2)}.wav`);
  const output = `${input}.${format}`;
  writeFileSync(input, wav);
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...ENCODERS[format]!, output]);
  return readFileSync(output);
}
