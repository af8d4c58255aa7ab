// Runs one benchmark server and reports its URL to the parent over IPC.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { compileSpecDir } from '../src/model/compile.js';
import { optionsFromEnv } from '../src/mock/options.js';
import { startEmulator } from '../src/mock/server.js';

const kind = process.argv[2];
let url: string;
if (kind === 'emulator') {
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  url = (await startEmulator(model, optionsFromEnv(model, {}), { host: '127.0.0.1', port: 0 })).url;
} else {
  // The baseline: read the body, answer a canned SentenceRecognition envelope of the same kind and
  // size the emulator produces. No signature, no validation, no state.
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  const example = model.actions.find((a) => a.name === 'SentenceRecognition')!.examples[0]!.response;
  const body = JSON.stringify({ Response: example });
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
process.send!({ url });
process.on('SIGTERM', () => process.exit(0));
