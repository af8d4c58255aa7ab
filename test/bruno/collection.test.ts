// The generated Bruno collection, read with Bruno's own parser (@usebruno/filestore, what bru and the
// app read it with): the same requests as the Postman collection, the verbatim sandbox scripts, and no
// credential anywhere but the environments.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BRUNO_SCRIPT_FILES } from '../../src/bruno/scripts.js';
import { NameSet, safeFileName } from '../../src/bruno/file-names.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { BRUNO_DIR, OUTPUT_FILES } from '../../src/outputs.js';

const require = createRequire(import.meta.url);
const filestore = require('@usebruno/filestore') as Record<'parseRequest' | 'parseFolder' | 'parseCollection' | 'parseEnvironment', (text: string, o: { format: 'yml' }) => any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const COLLECTION = join(PACKAGE_ROOT, BRUNO_DIR);
const text = (f: string): string => readFileSync(join(COLLECTION, f), 'utf8');
const yml = (readdirSync(COLLECTION, { recursive: true }) as string[]).filter((f) => f.endsWith('.yml')).map((f) => f.split('\\').join('/')).sort();
const requestFiles = yml.filter((f) => !f.endsWith('folder.yml') && f !== 'opencollection.yml' && !f.startsWith('environments/'));
const parsed = new Map(requestFiles.map((f) => [f, filestore.parseRequest(text(f), { format: 'yml' })]));
const root = filestore.parseCollection(text('opencollection.yml'), { format: 'yml' }).collectionRoot;
const source = (files: readonly string[]): string => files.map((f) => readFileSync(join(PACKAGE_ROOT, 'src', `${f}.js`), 'utf8')).join('\n').replace(/\n$/, '');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PmNode = { name: string; item?: PmNode[]; request?: any; event?: any[] };
const postman = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8')) as { item: PmNode[] };
const pmLeaves = (nodes: PmNode[], path: string[] = []): { path: string[]; item: PmNode }[] =>
  nodes.flatMap((n) => (n.item ? pmLeaves(n.item, [...path, n.name]) : [{ path, item: n }]));
const pmRequests = pmLeaves(postman.item);

describe('generated Bruno collection', () => {
  test('is OpenCollection 1.0.0 that Bruno\'s own parser reads, file by file', () => {
    expect(text('opencollection.yml')).toMatch(/^opencollection: 1\.0\.0\n/);
    for (const f of yml.filter((x) => x.endsWith('folder.yml'))) expect(filestore.parseFolder(text(f), { format: 'yml' }).meta.name, f).toBeTruthy();
    for (const [f, r] of parsed) expect(r.type, f).toBe('http-request');
  });

  test('holds one request per case of the Postman collection, with its headers, URL and body, in the same order', () => {
    expect(parsed.size).toBe(pmRequests.length);
    const byName = new Map([...parsed.values()].map((r) => [r.name, r]));
    for (const { item } of pmRequests) {
      const r = byName.get(item.name);
      expect(r, item.name).toBeDefined();
      expect(r.request.method).toBe(item.request.method);
      expect(r.request.url).toBe(typeof item.request.url === 'string' ? item.request.url : item.request.url.raw);
      expect(r.request.headers.map((h: { name: string; value: string; enabled: boolean }) => [h.name, h.value, h.enabled])).toEqual(item.request.header.map((h: { key: string; value: string; disabled?: boolean }) => [h.key, h.value, !h.disabled]));
      const body = item.request.body;
      if (body.mode === 'file') expect(r.request.body.file.map((x: { filePath: string }) => x.filePath)).toEqual(['flash-sample.wav']);
      else if (body.raw === '') expect(r.request.body.mode).toBe('none');
      else expect(r.request.body.json).toBe(body.raw);
    }
    // Folders (by seq) and the requests in each (by seq) run in the Postman collection's order.
    const order = requestFiles.map((f) => ({ f, dirs: f.split('/').slice(0, -1), seq: parsed.get(f).seq }));
    const folderSeq = (dir: string): number => filestore.parseFolder(text(`${dir}/folder.yml`), { format: 'yml' }).meta.seq;
    const key = (o: (typeof order)[number]): number[] => [...o.dirs.map((_, i) => folderSeq(o.dirs.slice(0, i + 1).join('/'))), o.seq];
    const sorted = [...order].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    });
    expect(sorted.map((o) => parsed.get(o.f).name)).toEqual(pmRequests.map((p) => p.item.name));
  });

  test('signs and tests at collection level, and flash folders sign and test themselves, with verbatim scripts', () => {
    expect(root.request.script.req).toBe(source(BRUNO_SCRIPT_FILES['sign-tc3']));
    expect(root.request.tests).toBe(source(BRUNO_SCRIPT_FILES['contract-tests']));
    const flash = yml.filter((f) => f.endsWith('folder.yml')).map((f) => filestore.parseFolder(text(f), { format: 'yml' })).filter((f) => f.request.script.req);
    expect(flash.map((f) => f.meta.name)).toEqual(['Flash recognition · 录音文件识别极速版', 'Flash recognition · 录音文件识别极速版']);
    for (const f of flash) expect([f.request.script.req, f.request.tests]).toEqual([source(BRUNO_SCRIPT_FILES['sign-flash']), source(BRUNO_SCRIPT_FILES['flash-tests'])]);
  });

  test('keeps credentials out of the collection: only the environments hold them, the live key as a secret', () => {
    const local = filestore.parseEnvironment(text('environments/local.yml'), { format: 'yml' });
    const live = filestore.parseEnvironment(text('environments/live.yml'), { format: 'yml' });
    const vars = (env: { variables: { name: string; value: string; secret: boolean }[] }) => Object.fromEntries(env.variables.map((v) => [v.name, [v.value, v.secret]]));
    expect(vars(live)).toMatchObject({ secretId: ['', false], secretKey: ['', true], token: ['', true] });
    expect(text('environments/live.yml')).not.toMatch(/secretKey\n\s+value/);
    const key = vars(local).secretKey![0] as string;
    expect(key).toBeTruthy();
    for (const name of ['secretId', 'secretKey', 'token']) expect(root.request.vars.req.some((v: { name: string }) => v.name === name), name).toBe(false);
    for (const f of [...requestFiles, 'opencollection.yml']) expect(text(f), f).not.toContain(key);
  });

  test('carries the flash fixture beside opencollection.yml, byte for byte the generated one', () => {
    expect(readFileSync(join(COLLECTION, 'flash-sample.wav')).equals(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio)))).toBe(true);
  });
});

describe('file names', () => {
  test.each([
    ['CreateRecTask · missing EngineModelType → MissingParameter', 'CreateRecTask · missing EngineModelType → MissingParameter'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['trailing dots and spaces. . ', 'trailing dots and spaces'],
    ['', 'untitled'],
    ['语'.repeat(60), '语'.repeat(40)],
  ])('%j is written as %j', (name, file) => {
    expect(safeFileName(name)).toBe(file);
  });

  test('a second name that reads the same in a folder gets a number', () => {
    const names = new NameSet();
    expect(['Case', 'case', 'Case', 'a:b', 'a/b'].map((n) => names.claim(n))).toEqual(['Case', 'case (2)', 'Case (3)', 'a-b', 'a-b (2)']);
  });
});
