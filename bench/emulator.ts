// Emulator throughput on signed, validated SentenceRecognition calls, next to a bare node:http
// server answering the same request, in the same run. Goal: at least half the bare server's rate.
import autocannon from 'autocannon';
import { signTc3 } from '../src/signing/tc3.js';
import { compileSpecDir } from '../src/model/compile.js';
import { fixtureWav } from '../src/postman/fixture-wav.js';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { row } from './measure.js';
import { startChildServer } from './servers.js';

const SECONDS = 6;
const CONNECTIONS = 16;

function signedRequest(url: string): { headers: Record<string, string>; body: string } {
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  // Real audio (the emulator reads it): the one-second tone the collection's flash requests send.
  const audio = fixtureWav(1000);
  const body = JSON.stringify({ EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: audio.toString('base64'), DataLen: audio.length, WordInfo: 1 });
  const timestamp = Math.floor(Date.now() / 1000);
  const host = new URL(url).hostname;
  const auth = signTc3({ method: 'POST', headers: { 'content-type': 'application/json', host }, body, timestamp, service: 'asr', secretId: model.service.local.secretId, secretKey: model.service.local.secretKey });
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-tc-action': 'SentenceRecognition', 'x-tc-version': model.service.version, 'x-tc-timestamp': String(timestamp), authorization: auth.authorization },
  };
}

async function load(url: string, req: { headers: Record<string, string>; body: string }): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url: `${url}/`, method: 'POST', headers: req.headers, body: req.body, connections: CONNECTIONS, duration: SECONDS });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

export async function benchEmulator(): Promise<void> {
  console.log(`\nemulator: signed + validated SentenceRecognition vs bare node:http (${CONNECTIONS} connections, ${SECONDS} s each)`);
  const emulator = await startChildServer('emulator');
  const bare = await startChildServer('bare');
  try {
    const req = signedRequest(emulator.url);
    // One call first, to be sure the request is accepted (a benchmark of errors would be meaningless).
    const probe = await (await fetch(`${emulator.url}/`, { method: 'POST', headers: req.headers, body: req.body })).json();
    if ((probe as { Response: { Error?: unknown } }).Response.Error) throw new Error(`the benchmark request is refused: ${JSON.stringify(probe)}`);
    const e = await load(emulator.url, req);
    const b = await load(bare.url, req);
    row('emulator requests/s (avg)', `${e.rps.toFixed(0)}  (p99 ${e.p99} ms, errors ${e.errors})`);
    row('bare node:http requests/s (avg)', `${b.rps.toFixed(0)}  (p99 ${b.p99} ms, errors ${b.errors})`);
    row('ratio emulator / bare (goal ≥ 0.50)', (e.rps / b.rps).toFixed(2));
  } finally {
    await emulator.stop();
    await bare.stop();
  }
}
