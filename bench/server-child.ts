// Runs one benchmark server and reports its URL to the parent over IPC: the emulator, or its
// floor, a node:http server that does only the work no emulator of this API can skip.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { compileSpecDir } from '../src/model/compile.js';
import { optionsFromEnv } from '../src/mock/options.js';
import { startEmulator } from '../src/mock/server.js';
import { prefillTasks } from './prefill.js';
import { sha256Hex, tc3CanonicalRequest, tc3Date, tc3Signature, tc3SigningKey, tc3StringToSign } from '../src/signing/tc3.js';

const [kind, ...args] = process.argv.slice(2);
const model = compileSpecDir(PACKAGE_ROOT).model!;
let url: string;
let firstCreatedAt: number | undefined;
if (kind === 'emulator' || kind === 'emulator-step0') {
  // emulator-step0: tasks move one documented state per read, as in the contract run's own emulator.
  url = (await startEmulator(model, optionsFromEnv(model, {}, kind === 'emulator-step0' ? { stepMs: 0, callbackDelayMs: 100 } : {}), { host: '127.0.0.1', port: 0 })).url;
} else if (kind === 'emulator-tasks') {
  // Args: a state file (or - for memory only), then how many tasks to hold, in groups of what size.
  const [statePath, total, groupSize, groups] = args as [string, string, string, string];
  const em = await startEmulator(model, optionsFromEnv(model, {}, statePath === '-' ? {} : { statePath }), { host: '127.0.0.1', port: 0 });
  firstCreatedAt = await prefillTasks(em, model, Number(total), { size: Number(groupSize), count: Number(groups) });
  url = em.url;
  process.on('SIGTERM', () => void em.close().then(() => process.exit(0)));
} else {
  // The floor: read the body, SHA-256 it, compute the TC3 signature with a cached signing key and
  // compare it, JSON.parse the body, base64-decode Data, and answer a small JSON envelope.
  const { secretKey } = model.service.local;
  const keys = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const timestamp = Number(req.headers['x-tc-timestamp']);
      const date = tc3Date(timestamp);
      let key = keys.get(date);
      if (!key) keys.set(date, (key = tc3SigningKey(secretKey, date, 'asr')));
      const { canonicalRequest } = tc3CanonicalRequest({ method: 'POST', headers: { 'content-type': String(req.headers['content-type']), host: String(req.headers.host).replace(/:\d+$/, '') }, payloadHash: sha256Hex(body), preserveValueCase: true });
      const signature = tc3Signature(key, tc3StringToSign(timestamp, `${date}/asr/tc3_request`, canonicalRequest));
      const ok = String(req.headers.authorization).endsWith(`Signature=${signature}`);
      const params = JSON.parse(body.toString('utf8')) as { Data?: string };
      const audio = Buffer.from(params.Data ?? '', 'base64');
      const text = JSON.stringify({ Response: ok ? { Result: '', AudioDuration: audio.length, RequestId: 'floor' } : { Error: { Code: 'AuthFailure.SignatureFailure' }, RequestId: 'floor' } });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
process.send!({ url, firstCreatedAt });
if (kind !== 'emulator-tasks') process.on('SIGTERM', () => process.exit(0));
