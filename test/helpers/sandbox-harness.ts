// Runs a sandbox script (verbatim) in a Node vm with a minimal stand-in for Postman's `pm` API and a
// fixed clock. Newman proves the scripts in the real sandbox; this harness lets known-answer vectors,
// which need a fixed timestamp, reach the very same code.
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { contractData } from '../../src/collection/contract-data.js';
import { OUTPUT_FILES } from '../../src/output-paths.js';
import { sandboxSource, type SandboxScript } from '../../src/postman/scripts.js';
import { projectModel } from './emulator.js';

const require = createRequire(import.meta.url);

export interface HarnessRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Collection variables default to what the emitter writes for this project's specs. */
export function runSandboxScript(name: SandboxScript, request: HarnessRequest, variables: Record<string, string>, nowMs: number, collectionVariables: Record<string, string> = {}): HarnessRequest {
  collectionVariables = { contractSchemas: contractData(projectModel(), OUTPUT_FILES.flashAudio), ...collectionVariables };
  const headers = new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), { key: k, value: v }]));
  const [base, rawQuery = ''] = request.url.split('?') as [string, string?];
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      return { key: i < 0 ? pair : pair.slice(0, i), value: i < 0 ? '' : pair.slice(i + 1) };
    });
  const url = (): string => (query.length ? `${base}?${query.map((q) => `${q.key}=${q.value}`).join('&')}` : base);
  const state = { body: request.body };
  const replaceIn = (s: string): string => s.replace(/\{\{([^}]+)\}\}/g, (m, k: string) => variables[k] ?? m);
  const pm = {
    variables: { get: (k: string) => variables[k], replaceIn },
    collectionVariables: { get: (k: string) => collectionVariables[k] },
    request: {
      method: request.method,
      url: {
        toString: url,
        query: {
          upsert: (q: { key: string; value: string }) => {
            const existing = query.find((x) => x.key === q.key);
            if (existing) existing.value = q.value;
            else query.push({ ...q });
          },
        },
      },
      body: {
        mode: 'raw',
        get raw() {
          return state.body;
        },
        update: (b: { raw: string }) => {
          state.body = b.raw;
        },
      },
      headers: {
        get: (k: string) => headers.get(k.toLowerCase())?.value,
        upsert: (h: { key: string; value: string }) => headers.set(h.key.toLowerCase(), h),
        remove: (k: string) => headers.delete(k.toLowerCase()),
      },
    },
  };
  class FixedDate extends Date {
    constructor(...args: unknown[]) {
      super(...((args.length ? args : [nowMs]) as []));
    }
    static override now(): number {
      return nowMs;
    }
  }
  runInNewContext(sandboxSource(name), { pm, require: (m: string) => require(m), Date: FixedDate });
  return { ...request, url: url(), body: state.body, headers: Object.fromEntries([...headers.values()].map((h) => [h.key, h.value])) };
}
