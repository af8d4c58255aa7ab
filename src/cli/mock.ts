// asr-contract mock: the local emulator, until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { optionsFromEnv } from '../mock/options.js';
import { startEmulator } from '../mock/server.js';
import { nonNegativeIntFlag, portFlag } from './args.js';
import { compileOrReport } from './compile-or-report.js';
import type { Io } from './io.js';

export const MOCK_USAGE = `Usage: asr-contract mock [--port 8080] [--host 127.0.0.1] [--state FILE] [--lenient-auth] [--debug-auth] [--step-ms N]
                         [--callback-ms N] [--callback-allow HOST]...

Starts the local ASR emulator.
  --port N        port to listen on (default 8080; 0 picks a free one)
  --host H        address to listen on (default 127.0.0.1)
  --state FILE    keep state in FILE across restarts (JSON, written after every change)
  --lenient-auth  let through what a client's signer gets wrong (the signature, the credential date or
                  service, SignedHeaders, a stale timestamp) as long as the request names the SecretId;
                  each one is logged with the code the real service would answer
  --debug-auth    explain TC3 refusals (InvalidAuthorization and SignatureFailure) in their message:
                  which input differs, the canonical request, the string to sign, the derived-key hashes
  --step-ms N     time per task/model progress step in ms (default from specs/emulator.yaml)
  --callback-ms N how long a task with a CallbackUrl takes to finish and call back (default 2000)
  --callback-allow HOST
                  also deliver callbacks to HOST (by default only to loopback addresses)

It serves API 3.0 at /, flash recognition at /asr/flash/v1/<appid>, and the WebSockets at
/asr/v2/<appid> and /asr/virtual_number/v1/<appid>.

Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, else the documented local test pair
(generated/local.postman_environment.json). TENCENTCLOUD_TOKEN makes X-TC-Token mandatory.
TENCENTCLOUD_APPID sets the AppId.`;

export async function runMock(argv: string[], io: Io, root: string, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      'lenient-auth': { type: 'boolean' },
      'debug-auth': { type: 'boolean' },
      'step-ms': { type: 'string' },
      'callback-ms': { type: 'string' },
      'callback-allow': { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const model = compileOrReport(root, io);
  if (!model) return 1;
  const port = portFlag(values.port, model.service.local.port);
  const stepMs = nonNegativeIntFlag(values['step-ms'], '--step-ms');
  const callbackDelayMs = nonNegativeIntFlag(values['callback-ms'], '--callback-ms');
  const options = optionsFromEnv(model, io.env, {
    lenientAuth: values['lenient-auth'] === true,
    debugAuth: values['debug-auth'] === true,
    ...(values.state ? { statePath: values.state } : {}),
    ...(stepMs !== undefined ? { stepMs } : {}),
    ...(callbackDelayMs !== undefined ? { callbackDelayMs } : {}),
    callbackAllow: values['callback-allow'] ?? [],
    log: io.stderr,
  });
  let emulator;
  try {
    emulator = await startEmulator(model, options, { host: values.host ?? '127.0.0.1', port });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') io.stderr(`asr-contract mock: port ${port} is already in use; pass --port with a free one (0 picks one)`);
    else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') io.stderr(`asr-contract mock: cannot listen on ${values.host}: ${err.message}`);
    else io.stderr(`asr-contract mock: ${err.message}`);
    return 1;
  }
  io.stdout(`asr-contract mock listening on ${emulator.url} (SecretId ${options.secretId}, AppId ${options.appId}${options.lenientAuth ? ', lenient auth' : ''})`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await emulator.close();
  io.stderr('asr-contract mock stopped');
  return 0;
}
