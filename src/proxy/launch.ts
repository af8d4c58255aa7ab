// A proxy from start to stop: the checks, the recording, the server, and on stop the report.
// The command (cli/proxy.ts) and the tests start proxies the same way.
import type { Model } from '../model/types.js';
import type { ForwardLimits } from './forward.js';
import { checkContext, type readDocuments } from './context.js';
import { HarRecorder, HarWriter } from './har.js';
import { writeRunReport } from './report-files.js';
import { startProxy, type RunningProxy } from './server.js';
import { ExchangeSession } from './session.js';
import { proxyTarget, type ProxyTarget, type UpstreamFlags } from './upstreams.js';

export const DEFAULT_LIMITS: ForwardLimits = { timeoutMs: 60_000, maxBytes: 64 * 1024 * 1024 };

export interface LaunchOptions {
  host: string;
  port: number;
  /** Where a violation line goes. */
  print: (line: string) => void;
  /** Where the report goes, on GET /_proxy/report and on stop. */
  reportDir: string;
  recordPath?: string;
  now?: () => number;
  limits?: ForwardLimits;
  creator?: { name: string; version: string };
}

export interface LaunchedProxy {
  url: string;
  target: ProxyTarget;
  session: ExchangeSession;
  /** Stops listening, writes the report, closes the recording; returns the report's files. */
  stop(): Promise<string[]>;
}

export async function launchProxy(model: Model, documents: ReturnType<typeof readDocuments>, flags: UpstreamFlags, env: NodeJS.ProcessEnv, o: LaunchOptions): Promise<LaunchedProxy> {
  const now = o.now ?? Date.now;
  const target = proxyTarget(model, flags, env);
  const ctx = checkContext(model, documents, env, now);
  // The proxy's own SecretId is masked in whatever it writes, like the clients'.
  ctx.redactor.addSecretId(target.creds.secretId);
  const recorder = o.recordPath ? new HarRecorder(o.recordPath, o.creator ?? { name: 'asr-contract proxy', version: '0' }) : undefined;
  const session = new ExchangeSession('ASR contract proxy', target.plan, o.print, (t) => ctx.redactor.text(t), recorder, now);
  const writeReport = (): string[] => writeRunReport(o.reportDir, session.report());
  let proxy: RunningProxy;
  try {
    proxy = await startProxy({ ctx, creds: target.creds, upstreams: target.upstreams, allowed: target.allowed, limits: o.limits ?? DEFAULT_LIMITS, now, host: o.host, port: o.port, session, ...(recorder ? { har: new HarWriter(model, ctx.redactor) } : {}), writeReport, log: o.print });
  } catch (e) {
    recorder?.close();
    throw e;
  }
  return {
    url: proxy.url,
    target,
    session,
    stop: async () => {
      await proxy.close();
      const files = writeReport();
      recorder?.close();
      return files;
    },
  };
}
