// The README's promise: plain newman, nothing of ours but the two generated files, passes against
// a running `asr-contract mock` (both as child processes, as a user would run them).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { runNewman, withValues } from '../helpers/newman.js';
import { alive, until } from '../helpers/processes.js';

/** The first sh block after a README heading, as written. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`\n${heading}\n`));
  const m = /```sh\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error(`no sh block under ${heading}`);
  return m[1]!;
}

const PID_FILE = join(PACKAGE_ROOT, '.asr-mock.pid');
const running = new Set<ChildProcess>();

function bash(script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' } });
    running.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, out });
    });
  });
}

// A test that failed half-way must not leave its script or emulator running for the next one.
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  if (existsSync(PID_FILE)) {
    const pid = Number(readFileSync(PID_FILE, 'utf8'));
    if (pid > 0 && alive(pid)) process.kill(pid, 'SIGTERM');
  }
});

async function gone(pid: number): Promise<boolean> {
  await until(() => !alive(pid), `process ${pid} to stop`).catch(() => {});
  return !alive(pid);
}

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

describe('plain newman against asr-contract mock', () => {
  // The README's background-emulator lines, run as a script: the emulator is ready before newman
  // starts, every assertion passes, and `kill` leaves no process and no pid file behind. Twice, so
  // that the first run provably freed the port for the second.
  test.each([1, 2])('the README block (run %i): detach, newman, kill', async () => {
    const script = readmeBlock('## Run the collection with plain newman');
    expect(script).toContain('--detach');
    const r = await bash(script);
    expect(r.out).toMatch(/│\s+assertions\s+│\s+\d+\s+│\s+0\s+│/);
    expect(r.code).toBe(0);
    const pid = Number(/\(pid (\d+)\)/.exec(r.out)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(await gone(pid)).toBe(true);
    expect(existsSync(PID_FILE)).toBe(false);
    expect(await portFree(8080)).toBe(true);
  }, 240_000);
});

// No answer, or an answer that is not the service's: each request gets exactly one failing assertion
// saying what came back, and nothing passes (no "✓ no Response.Error" on an empty response).
describe('plain newman against a server that does not answer as the service', () => {
  const collection = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'generated/asr.postman_collection.json'), 'utf8'));
  const environment = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'generated/local.postman_environment.json'), 'utf8'));

  async function server(answer: 'closed' | 'html' | 'json-array'): Promise<{ url: string; close: () => void }> {
    const s = createServer((_req, res) => {
      if (answer === 'html') {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end('<html><body>Bad Gateway</body></html>');
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[]');
      }
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    if (answer === 'closed') await new Promise((r) => s.close(r));
    return { url, close: () => s.close() };
  }

  test.each([
    ['a closed port', 'closed', /^no response arrived/],
    ['an HTML error page', 'html', /^HTTP 502 \(text\/html, 37 characters\) whose body is not JSON: "<html>/],
    ['JSON that is not an object', 'json-array', /^HTTP 200 \(application\/json, 2 characters\) whose body is not a JSON object/],
  ] as const)('%s: 0 passed assertions, exactly one failed per request', async (_name, answer, message) => {
    const target = await server(answer);
    try {
      const summary = await runNewman({ collection, environment: withValues(environment, { baseUrl: target.url, flashBaseUrl: target.url }), timeoutRequest: 5_000 });
      const { assertions, requests } = summary.run.stats;
      expect(requests.total).toBeGreaterThan(300);
      expect(assertions.total).toBe(requests.total);
      expect(assertions.failed).toBe(assertions.total);
      for (const ex of summary.run.executions) {
        expect(ex.assertions, ex.item.name).toHaveLength(1);
        expect(ex.assertions[0]!.error?.message, ex.item.name).toMatch(message);
      }
    } finally {
      target.close();
    }
  });
});
