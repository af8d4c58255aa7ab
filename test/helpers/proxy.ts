// Starts a contract proxy in-process for a test, in front of the given upstream, with its violation
// lines, report and HAR recording kept where the test can read them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { readDocuments } from '../../src/proxy/context.js';
import { launchProxy, type LaunchedProxy } from '../../src/proxy/launch.js';
import type { UpstreamFlags } from '../../src/proxy/upstreams.js';
import { afterAll, beforeAll } from 'vitest';
import type { EmulatorOptions } from '../../src/mock/options.js';
import { projectModel, startTestEmulator, type TestEmulator } from './emulator.js';

export interface TestProxy extends LaunchedProxy {
  port: number;
  lines: string[];
  dir: string;
  harPath: string;
}

let documents: ReturnType<typeof readDocuments> | undefined;

export async function startTestProxy(flags: UpstreamFlags, env: NodeJS.ProcessEnv = {}): Promise<TestProxy> {
  documents ??= readDocuments(PACKAGE_ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'asr-proxy-'));
  const lines: string[] = [];
  const harPath = join(dir, 'exchanges.har');
  const proxy = await launchProxy(projectModel(), documents, flags, env, { host: '127.0.0.1', port: 0, print: (l) => lines.push(l), reportDir: dir, recordPath: harPath, limits: { timeoutMs: 10_000, maxBytes: 64 * 1024 * 1024 } });
  return { ...proxy, port: Number(new URL(proxy.url).port), lines, dir, harPath };
}

/** For a whole test file: an emulator with a proxy in front of it, started before its tests and stopped after. */
export function proxiedEmulator(overrides: Partial<EmulatorOptions> = {}): { readonly em: TestEmulator; readonly proxy: TestProxy } {
  let em: TestEmulator | undefined;
  let proxy: TestProxy | undefined;
  beforeAll(async () => {
    em = await startTestEmulator(overrides);
    proxy = await startTestProxy({ upstream: em.url });
  });
  afterAll(async () => {
    await proxy?.stop();
    await em?.close();
  });
  return {
    get em() {
      return em!;
    },
    get proxy() {
      return proxy!;
    },
  };
}
