// asr-contract proxy: a re-signing contract proxy in front of the emulator or the live service,
// until SIGINT or SIGTERM (or until the process that started it goes away).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchProxy } from '../proxy/launch.js';
import { REPORT_PATH } from '../proxy/server.js';
import { TargetError } from '../runner/target.js';
import { describeProject, type ContractProject } from '../project/resolve.js';
import { portFlag } from './args.js';
import { compileOrReport } from './compile-or-report.js';
import { documentsOrFail } from './contract-documents.js';
import { CliError, UsageError, type Io } from './io.js';
import { outputDir, outputFile } from './paths.js';
import { untilStopped } from './until-stopped.js';

export const DEFAULT_PROXY_PORT = 8081;

export const PROXY_USAGE = `Usage: asr-contract proxy --upstream URL [--flash-upstream URL] [--ws-upstream URL]
                          [--port ${DEFAULT_PROXY_PORT}] [--host 127.0.0.1] [--record FILE.har] [--out DIR] [--pid-file FILE]

A contract proxy: point your clients at it as you would at the emulator (the official SDKs, newman, curl,
the speech SDKs). For every call it checks the request against the contract and the client's signature,
forwards the exact body to the upstream signed again with its own credentials, checks the answer as the
contract tests do, and hands the upstream's answer back unchanged. It prints one line per violation
(time, action, RequestId, JSON pointer, rule) and nothing for a clean exchange; a violation seen before
is counted, not printed again. A request with a wrong signature is answered as the service answers it
and never forwarded; it is a violation unless it is one of the contract suite's own signing probes (a
negative case of the generated collections), which is an expected refusal. WebSocket sessions are relayed with the URL signed again, every frame checked.
  --upstream URL        where API 3.0 goes: the emulator (http://127.0.0.1:8080) or the service
                        (https://asr.tencentcloudapi.com). Flash and the WebSockets go to the same origin,
                        except on Tencent's own API 3.0 hosts: name theirs with the two flags below.
                        No other host is ever contacted.
  --flash-upstream URL  where flash recognition goes (live: https://asr.cloud.tencent.com)
  --ws-upstream URL     where the WebSockets go (live: wss://asr.cloud.tencent.com)
  --port N              port to listen on (default ${DEFAULT_PROXY_PORT}; 0 picks a free one)
  --host H              address to listen on (default 127.0.0.1)
  --record FILE.har     write every exchange to FILE as HAR 1.2, without keys, signatures or tokens and
                        with SecretIds masked; the file is a valid HAR after every exchange
  --out DIR             where the report goes (default reports/proxy): on GET ${REPORT_PATH} and on exit
  --pid-file FILE       write the proxy's process id to FILE once it listens (removed when it stops), so a
                        script can stop it with kill "$(cat FILE)" and still read its exit code

Clients may sign with the emulator's local test pair, or with TENCENTCLOUD_SECRET_ID / _KEY (and
TENCENTCLOUD_TOKEN). The proxy signs what it forwards with TENCENTCLOUD_* when set; without them it
forwards only to upstreams on this machine, with the local pair.
Exit codes: 0 no violation, 1 violations were seen, 2 it could not start.`;

export async function runProxy(argv: string[], io: Io, project: ContractProject, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      upstream: { type: 'string' },
      'flash-upstream': { type: 'string' },
      'ws-upstream': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      record: { type: 'string' },
      out: { type: 'string' },
      'pid-file': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.upstream === undefined) throw new UsageError('--upstream is required: the emulator (http://127.0.0.1:8080) or the service (https://asr.tencentcloudapi.com)');
  const port = portFlag(values.port, DEFAULT_PROXY_PORT);
  const host = values.host ?? '127.0.0.1';
  const out = outputDir(io.cwd, values.out ?? join('reports', 'proxy'), '--out');
  const record = values.record === undefined ? undefined : outputFile(io.cwd, values.record, '--record', 'asr-proxy.har');
  const pidFile = values['pid-file'] === undefined ? undefined : outputFile(io.cwd, values['pid-file'], '--pid-file', 'asr-proxy.pid');
  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  const documents = documentsOrFail(project.root);
  const { stopped, release } = untilStopped({ ...(signal ? { signal } : {}), watchParent: true });
  let proxy;
  try {
    proxy = await launchProxy(model, documents, { upstream: values.upstream, ...(values['flash-upstream'] !== undefined ? { flashUpstream: values['flash-upstream'] } : {}), ...(values['ws-upstream'] !== undefined ? { wsUpstream: values['ws-upstream'] } : {}) }, io.env, {
      host,
      port,
      print: io.stdout,
      reportDir: out,
      ...(record ? { recordPath: record } : {}),
      creator: { name: 'asr-contract proxy', version: kitVersion(project.packageRoot) },
    });
  } catch (e) {
    release();
    if (e instanceof TargetError) throw new UsageError(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use on ${host}; pass --port with a free one (0 picks one)`);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new CliError(`cannot listen on ${host}: it is not an address of this machine`);
    if (err.code === 'EACCES') throw new CliError(`not allowed to listen on port ${port}; pass --port ${DEFAULT_PROXY_PORT} or 0`);
    throw e;
  }
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`);
  io.stderr(`asr-contract proxy listening on ${proxy.url} (pid ${process.pid}), checking against ${describeProject(project, io.cwd)}; it forwards:`);
  for (const line of proxy.target.plan) io.stderr(line);
  io.stderr(`  a violation is one line below; GET ${proxy.url}${REPORT_PATH} writes the report to ${out}${record ? `; recording to ${record}` : ''}`);
  const why = await stopped;
  release();
  const files = await proxy.stop();
  if (pidFile) rmSync(pidFile, { force: true });
  for (const line of proxy.session.summary()) io.stderr(line);
  io.stderr(`asr-contract proxy stopped (${why}); report: ${files.join(', ')}`);
  return proxy.session.violations > 0 ? 1 : 0;
}

function kitVersion(packageRoot: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
}
