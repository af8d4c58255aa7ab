// Real recognition for English engines (`asr-contract mock --recognizer pocketsphinx`): Debian's
// pocketsphinx_continuous decodes 16 kHz mono pcm with its en-us model and reports each word with
// its start and end time. Everything else keeps the canned passages.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Transcriber, Transcript } from './transcriber.js';

const PROGRAM = 'pocketsphinx_continuous';
const MODEL_DIR = '/usr/share/pocketsphinx/model/en-us/en-us';
const TIMEOUT_MS = 60_000;

function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why pocketsphinx cannot run here, or undefined when it can. */
export function pocketsphinxProblem(path?: string): string | undefined {
  if (!onPath(PROGRAM, path)) return `${PROGRAM} is not on PATH`;
  if (!existsSync(MODEL_DIR)) return `its en-us model (${MODEL_DIR}) is not installed`;
  return undefined;
}

/** Words of `pocketsphinx_continuous -time yes`: `word start end confidence`, times in seconds. */
export function parseTimedWords(output: string): Transcript {
  const words: Transcript['words'] = [];
  for (const line of output.split('\n')) {
    const m = /^(\S+) (\d+\.\d+) (\d+\.\d+) \S+$/.exec(line.trim());
    if (!m || /^(<s>|<\/s>|<sil>|\[\w+\]|\+\w+\+)$/.test(m[1]!)) continue;
    words.push({ text: m[1]!.replace(/\(\d+\)$/, ''), startMs: Math.round(Number(m[2]) * 1000), endMs: Math.round(Number(m[3]) * 1000) });
  }
  return { text: words.map((w) => w.text).join(' '), words };
}

export function pocketsphinx(): Transcriber {
  return {
    name: 'pocketsphinx',
    lang: 'en',
    sampleRate: 16000,
    transcribe: (wav) =>
      new Promise((resolve, reject) => {
        const dir = mkdtempSync(join(tmpdir(), 'asr-sphinx-'));
        const file = join(dir, 'audio.wav');
        writeFileSync(file, wav);
        execFile(PROGRAM, ['-infile', file, '-time', 'yes', '-logfn', '/dev/null'], { timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
          rmSync(dir, { recursive: true, force: true });
          if (error) reject(new Error(`${PROGRAM} failed: ${error.message}`));
          else resolve(parseTimedWords(stdout));
        });
      }),
  };
}
