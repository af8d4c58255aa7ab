// asr-contract mock: the local emulator, until SIGINT or SIGTERM, or until the process that started
// it goes away. With --detach it runs in the background and the command returns once it is ready.
import { parseArgs } from 'node:util';
import { writeFileSync, rmSync } from 'node:fs';
import { optionsFromEnv } from '../mock/options.js';
import { startEmulator, type Emulator } from '../mock/server.js';
import { pocketsphinx, pocketsphinxProblem } from '../mock/recognizer/pocketsphinx.js';
import { StateFileError } from '../mock/state/persist.js';
import { instantFlag, nonNegativeIntFlag, portFlag } from './args.js';
import { compileOrReport } from './compile-or-report.js';
import { CliError, UsageError, type Io } from './io.js';
import { detach, DETACHED_ENV, reportReady } from './mock-detach.js';
import { outputFile, stateFile } from './paths.js';
import { untilStopped } from './until-stopped.js';
import { describeProject, type ContractProject } from '../project/resolve.js';

export const MOCK_USAGE = `Usage: asr-contract mock [--port 8080] [--host 127.0.0.1] [--state FILE] [--clock TIME] [--lenient-auth]
                         [--debug-auth] [--step-ms N] [--callback-ms N] [--callback-allow HOST]...
                         [--recognizer canned|pocketsphinx] [--pid-file FILE] [--detach [--log FILE]]

Starts the local ASR emulator.
  --port N        port to listen on (default 8080; 0 picks a free one)
  --host H        address to listen on (default 127.0.0.1)
  --state FILE    keep state in FILE across restarts: a journal of JSON lines, each change appended and
                  synced to disk before its answer, rewritten whole at start and when it has grown. One
                  emulator per FILE (FILE.lock names its pid; a crashed holder's lock is taken over). It
                  refuses to start, leaving FILE untouched, when FILE is not a state it can load (wrong
                  shape or version, truncated, read-only) or cannot be written
  --clock TIME    start the emulator's clock at TIME (ISO 8601 with its zone, e.g. 2030-01-01T00:00:00Z);
                  task progress, expiry, creation times and usage dates read it, signatures the real time
  --lenient-auth  let through what a client's signer gets wrong (the signature, the credential date or
                  service, SignedHeaders, a stale timestamp) as long as the request names a SecretId it
                  accepts; each one is logged with the code the real service would answer
  --debug-auth    explain TC3 refusals (InvalidAuthorization and SignatureFailure) in their message:
                  which input differs, the canonical request, the string to sign, the derived-key hashes
  --step-ms N     time per task/model progress step in ms (default from specs/emulator.yaml)
  --callback-ms N how long a task with a CallbackUrl takes to finish and call back (default 2000)
  --callback-allow HOST
                  also deliver callbacks to HOST (by default only to loopback addresses)
  --recognizer R  canned (default): fixed passages; pocketsphinx: real recognition of 16 kHz WAV/pcm for the
                  English engines (needs Debian's pocketsphinx and pocketsphinx-en-us)
  --pid-file FILE write the emulator's process id to FILE once it listens (removed when it stops)
  --detach        run in the background: return once it answers GET /_emulator/health, print its URL
                  and process id, and leave it running (stop it with kill <pid>)
  --log FILE      with --detach, where its output goes (default .asr-mock.log in the current directory)

It serves API 3.0 at /, flash recognition at /asr/flash/v1/<appid>, the WebSockets at /asr/v2/<appid>
and /asr/virtual_number/v1/<appid>, its own readiness check at GET /_emulator/health, and its clock at
/_emulator/clock: GET tells the time, POST {"advance":"25h"} or {"to":"2030-01-01T00:00:00Z"} moves it
forward. Records expire after their retention in specs/emulator.yaml (recorded-file tasks: 24 hours).
In the foreground it stops when the process that started it exits, so \`npx asr-contract mock &\`
leaves nothing behind; --detach is for an emulator that outlives its shell.

Answers carry the status and exact Content-Type the official SDKs expect (specs/: \`answer\`). Every read
is bounded (specs/emulator.yaml \`wire\`): a body is never read past its limit, a body that stalls is
answered after a few seconds, a flash upload is refused before its body when its URL or signature is
wrong, and a callback receiver's reply is cut off at a size and a deadline. See docs/emulator.md.

Credentials: it always accepts the documented local test pair (generated/local.postman_environment.json),
and also TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY when they are set. TENCENTCLOUD_TOKEN makes
X-TC-Token mandatory. TENCENTCLOUD_APPID sets the AppId.`;

export async function runMock(argv: string[], io: Io, project: ContractProject, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      state: { type: 'string' },
      clock: { type: 'string' },
      'lenient-auth': { type: 'boolean' },
      'debug-auth': { type: 'boolean' },
      'step-ms': { type: 'string' },
      'callback-ms': { type: 'string' },
      'callback-allow': { type: 'string', multiple: true },
      'pid-file': { type: 'string' },
      detach: { type: 'boolean' },
      log: { type: 'string' },
      recognizer: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  // Every flag and path is checked before the model compiles or a port opens.
  const stepMs = nonNegativeIntFlag(values['step-ms'], '--step-ms');
  const callbackDelayMs = nonNegativeIntFlag(values['callback-ms'], '--callback-ms');
  const statePath = values.state === undefined ? undefined : stateFile(io.cwd, values.state, '--state');
  const clockStart = values.clock === undefined ? undefined : instantFlag(values.clock, '--clock');
  const pidFile = values['pid-file'] === undefined ? undefined : outputFile(io.cwd, values['pid-file'], '--pid-file', 'asr-mock.pid');
  if (values.log !== undefined && !values.detach) throw new CliError('--log goes with --detach; in the foreground the output is on the console');
  const logFile = values.log === undefined ? undefined : outputFile(io.cwd, values.log, '--log', 'asr-mock.log');

  const recognizer = values.recognizer ?? 'canned';
  if (recognizer !== 'canned' && recognizer !== 'pocketsphinx') throw new UsageError(`--recognizer must be canned or pocketsphinx, got "${recognizer}"`);
  const missing = recognizer === 'pocketsphinx' ? pocketsphinxProblem(io.env.PATH) : undefined;
  if (missing) throw new CliError(`--recognizer pocketsphinx cannot start: ${missing}. Install Debian's packages: apt-get install pocketsphinx pocketsphinx-en-us`);

  if (values.detach) return detach(project.source === 'package' ? argv : [...argv, '--root', project.root], io, { ...(logFile ? { logFile } : {}), ...(pidFile ? { pidFile } : {}) });

  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  const port = portFlag(values.port, model.service.local.port);
  const host = values.host ?? '127.0.0.1';
  const options = optionsFromEnv(model, io.env, {
    lenientAuth: values['lenient-auth'] === true,
    debugAuth: values['debug-auth'] === true,
    ...(statePath ? { statePath } : {}),
    ...(clockStart !== undefined ? { clockStart } : {}),
    ...(stepMs !== undefined ? { stepMs } : {}),
    ...(callbackDelayMs !== undefined ? { callbackDelayMs } : {}),
    callbackAllow: values['callback-allow'] ?? [],
    ...(recognizer === 'pocketsphinx' ? { recognizer: pocketsphinx() } : {}),
    log: io.stderr,
  });
  // Signals are taken from before the port opens: a SIGTERM right after the first line is printed
  // must still stop it cleanly (and remove its pid file), not kill it mid-start.
  // A detached emulator outlives its parent on purpose; any other stops when orphaned.
  const { stopped, release } = untilStopped({ ...(signal ? { signal } : {}), watchParent: !io.env[DETACHED_ENV] });
  let emulator: Emulator;
  try {
    emulator = await startEmulator(model, options, { host, port });
  } catch (e) {
    release();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use on ${host}; pass --port with a free one (0 picks one)`);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') throw new CliError(`cannot listen on ${host}: it is not an address of this machine`);
    if (err.code === 'EACCES') throw new CliError(`not allowed to listen on port ${port} (ports below 1024 need privileges); pass --port 8080 or 0`);
    if (e instanceof StateFileError) throw new CliError(`${e.message}; nothing was started`);
    throw e;
  }
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`);
  io.stdout(`asr-contract mock listening on ${emulator.url} (pid ${process.pid}, AppId ${options.appId}${options.lenientAuth ? ', lenient auth' : ''}${options.recognizer ? `, ${options.recognizer.name} for English engines` : ''})`);
  io.stdout(`  accepts SecretId ${options.credentials.map((c) => c.secretId).join(' and ')}; ready when GET ${emulator.url}/_emulator/health answers 200`);
  io.stdout(`  serves ${describeProject(project, io.cwd)}`);
  reportReady(io.env, emulator.url);
  const why = await stopped;
  release();
  await emulator.close();
  if (pidFile) rmSync(pidFile, { force: true });
  io.stderr(`asr-contract mock stopped (${why})`);
  return 0;
}
