// Emulator throughput on signed, validated SentenceRecognition calls with 300 ms of inline audio,
// beside its floor: a node:http server doing only what any emulator of this API must (read the body,
// hash it, check the TC3 signature with a cached key, parse it, decode Data, answer), in the same run.
// Both run as child processes, loaded alternately by autocannon, medians of several rounds.
import autocannon from 'autocannon';
import { compileSpecDir } from '../src/model/compile.js';
import { fixtureWav } from '../src/collection/fixture-wav.js';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { median, ratioRow, row } from './measure.js';
import { startChildServer } from './servers.js';
import { signedRequest, type SignedRequest } from './signed.js';

const SECONDS = 5;
const ROUNDS = 3;
const CONNECTIONS = 10;
const AUDIO_MS = 300;

function sentenceRequest(url: string): SignedRequest {
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  // Real audio (the emulator reads it): a tone like the one the collection's flash requests send.
  const audio = fixtureWav(AUDIO_MS);
  return signedRequest(model, url, 'SentenceRecognition', { EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: audio.toString('base64'), DataLen: audio.length, WordInfo: 1 });
}

async function load(url: string, req: SignedRequest): Promise<number> {
  const result = await autocannon({ url: `${url}/`, method: 'POST', headers: req.headers, body: req.body, connections: CONNECTIONS, duration: SECONDS });
  if (result.errors + result.timeouts + result.non2xx > 0) throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers under load`);
  return result.requests.average;
}

/** One call first, to be sure the request is accepted: a benchmark of refusals would be meaningless. */
async function probe(url: string, req: SignedRequest): Promise<void> {
  const answer = (await (await fetch(`${url}/`, { method: 'POST', headers: req.headers, body: req.body })).json()) as { Response: { Error?: unknown } };
  if (answer.Response.Error) throw new Error(`the benchmark request is refused by ${url}: ${JSON.stringify(answer)}`);
}

export async function benchEmulator(): Promise<void> {
  console.log(`\nemulator: SentenceRecognition with ${AUDIO_MS} ms of inline audio, autocannon with ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, medians`);
  const emulator = await startChildServer('emulator');
  const floor = await startChildServer('floor');
  try {
    const req = sentenceRequest(emulator.url);
    await probe(emulator.url, req);
    await probe(floor.url, req);
    const ours: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ours.push(await load(emulator.url, req));
      floors.push(await load(floor.url, req));
    }
    row('emulator, requests/s', median(ours).toFixed(0));
    row('floor: read, SHA-256, TC3 (cached key), JSON.parse, base64 decode, answer', median(floors).toFixed(0));
    ratioRow('ratio emulator / floor', median(ours) / median(floors), { min: 0.7 });
  } finally {
    await emulator.stop();
    await floor.stop();
  }
}
