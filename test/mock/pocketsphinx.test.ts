// `asr-contract mock --recognizer pocketsphinx`: English engines get a real transcript from Debian's
// pocketsphinx (en-us model) instead of a canned passage. The speech is made by Debian's espeak-ng
// and resampled to 16 kHz by sox at test time. Skips with a message when any of the three is
// missing, unless ASR_REQUIRE_POCKETSPHINX=1 (CI) makes it fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pocketsphinx, pocketsphinxProblem } from '../../src/mock/recognizer/pocketsphinx.js';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const tools = ['espeak-ng', 'sox'].filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0);
const problem = pocketsphinxProblem() ?? (tools.length > 0 ? `${tools.join(' and ')} not installed` : undefined);
if (problem && process.env.ASR_REQUIRE_POCKETSPHINX === '1') throw new Error(`ASR_REQUIRE_POCKETSPHINX=1 but ${problem} (apt-get install pocketsphinx pocketsphinx-en-us espeak-ng sox)`);
if (problem) console.warn(`pocketsphinx recognition tests skipped: ${problem} (apt-get install pocketsphinx pocketsphinx-en-us espeak-ng sox)`);

const SENTENCE = 'the quick brown fox jumps over the lazy dog';
let em: TestEmulator;
let canned: TestEmulator;
let speech: Buffer;
let dir: string;

beforeAll(async () => {
  if (problem) return;
  dir = mkdtempSync(join(tmpdir(), 'asr-espeak-'));
  execFileSync('espeak-ng', ['-w', join(dir, 'raw.wav'), SENTENCE]);
  // -D: no dither, so the same speech comes out every run.
  execFileSync('sox', ['-D', join(dir, 'raw.wav'), '-r', '16000', '-c', '1', '-b', '16', join(dir, 'speech.wav'), 'rate', '-v']);
  speech = readFileSync(join(dir, 'speech.wav'));
  em = await startTestEmulator({ recognizer: pocketsphinx() });
  canned = await startTestEmulator();
});
afterAll(async () => {
  await em?.close();
  await canned?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const recognise = async (engine: string, on = em): Promise<Record<string, any>> => // eslint-disable-line @typescript-eslint/no-explicit-any
  (await callTc3(on.url, 'SentenceRecognition', { EngSerViceType: engine, SourceType: 1, VoiceFormat: 'wav', Data: speech.toString('base64'), DataLen: speech.length, WordInfo: 1 })).json.Response;

describe.skipIf(problem !== undefined)('--recognizer pocketsphinx', () => {
  test('16k_en: the transcript is what pocketsphinx hears in the audio, its words timed within it', async () => {
    const a = await recognise('16k_en');
    expect(a.Error).toBeUndefined();
    // What pocketsphinx_continuous itself prints for the same file. Its general en-us model hears
    // espeak-ng's synthetic voice poorly (between none and four of the nine words, depending on how
    // the speech was resampled), so the words themselves are not asked for.
    const direct = execFileSync('pocketsphinx_continuous', ['-infile', join(dir, 'speech.wav'), '-logfn', '/dev/null'], { encoding: 'utf8' }).split('\n')[0]!.trim();
    expect(a.Result).toBe(direct);
    expect(a.Result).not.toBe((await recognise('16k_en', canned)).Result);
    expect(a.WordList.length).toBe(a.WordSize);
    expect(a.WordSize).toBeGreaterThan(0);
    expect(Math.max(...a.WordList.map((w: { EndTime: number }) => w.EndTime))).toBeLessThanOrEqual(a.AudioDuration);
  });

  test('16k_zh keeps the canned Chinese passage', async () => {
    expect((await recognise('16k_zh')).Result).toMatch(/\p{Script=Han}/u);
  });
});
