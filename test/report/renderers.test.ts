// The reporters, each rendering one small RunReport: they must all tell the same counts, validate
// against the consumers' own definitions (the JUnit schema through xmllint, CTRF through its reference
// implementation), survive hostile text, and keep the HTML free of anything a browser would fetch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate as validateCtrf } from 'ctrf';
import { afterAll, describe, expect, test } from 'vitest';
import { renderCtrf } from '../../src/report/ctrf.js';
import { renderHtml } from '../../src/report/html.js';
import { parseReport, ReportFileError, serializeReport } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { totals, type CheckResult, type RunReport } from '../../src/report/model.js';
import { renderSummaryMarkdown } from '../../src/report/summary-markdown.js';
import { formatTable } from '../../src/report/table.js';
import { HAS_XMLLINT, NO_XMLLINT, validateJunit, xpath } from '../helpers/xmllint.js';

const dir = mkdtempSync(join(tmpdir(), 'asr-report-renderers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (suite: string, status: CheckResult['status'], name: string, extra: Partial<CheckResult> = {}): CheckResult => ({ suite, case: `${suite} · case`, name, status, durationMs: 12.5, source: 'collection', ...extra });

// Text a server could send back: markup, quotes, control characters, a lone surrogate, CJK.
const HOSTILE = 'got <html>&"quotes"\u0001\u0007 \uD800 and 热词表 ]]> </testsuite>';

const REPORT: RunReport = {
  title: 'ASR contract run',
  plan: ['  API 3.0  http://127.0.0.1:8080/'],
  durationMs: 2345,
  startedAt: '2025-01-02T03:04:05.678Z',
  requests: 3,
  about: 'See [the docs](https://cloud.tencent.com/document/product/1093) and ![logo](https://example.com/logo.png) and <https://example.com/auto>.\n\n### Using it\n\n- **bold** `code`',
  checks: [
    check('preflight', 'passed', 'the target answers', { source: 'preflight' }),
    check('CreateRecTask', 'passed', 'CreateRecTask · HTTP 200'),
    check('CreateRecTask', 'failed', 'CreateRecTask · response matches schema', { message: HOSTILE, detail: '/Data/TaskId should be integer [type]' }),
    check('CreateRecTask', 'passed', 'second opinion', { source: 'second-opinion' }),
    check('GetAsrVocab', 'skipped', 'not run', { message: 'they create billable resources' }),
    check('realtime', 'failed', 'the answer is code 4002', { source: 'websocket', message: '{"code":0}' }),
    check('RecTaskCallback', 'passed', 'delivered', { source: 'callback' }),
  ],
};
const T = totals(REPORT.checks);

describe('JUnit', () => {
  const xml = renderJunit(REPORT);
  const file = join(dir, 'junit.xml');
  writeFileSync(file, xml);

  test('the header counts every check: tests, failures, skipped, and the run time', () => {
    expect(xml).toContain(`<testsuites name="ASR contract run" tests="${T.tests}" failures="${T.failed}" errors="0" skipped="${T.skipped}" time="2.345">`);
    expect(T).toEqual({ tests: 7, passed: 4, failed: 2, skipped: 1 });
  });

  test.skipIf(!HAS_XMLLINT)(`validates against the JUnit schema, and a parser reads the same counts ${HAS_XMLLINT ? '' : NO_XMLLINT}`, () => {
    const v = validateJunit(file);
    expect(v.output).toMatch(/validates$/);
    expect(v.ok).toBe(true);
    expect(xpath(file, 'count(//testcase)')).toBe(String(T.tests));
    expect(xpath(file, 'count(//testcase/failure)')).toBe(String(T.failed));
    expect(xpath(file, 'count(//testcase/skipped)')).toBe(String(T.skipped));
    expect(xpath(file, 'count(//testsuite)')).toBe('5');
    expect(xpath(file, 'sum(//testsuite/@tests)')).toBe(String(T.tests));
    expect(xpath(file, 'string(//testsuite[@name="CreateRecTask"]/@failures)')).toBe('1');
    // The hostile text survives as text: markup escaped, characters XML cannot hold dropped.
    expect(xpath(file, 'string(//testcase/failure[@type="collection"]/@message)')).toBe('got <html>&"quotes"  and 热词表 ]]> </testsuite>');
  });

  test.skipIf(!HAS_XMLLINT)('the schema has teeth: a header without counts fails it', () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, xml.replace(/ failures="\d+" errors="0" skipped="\d+" time="2.345">/, ' time="NaN">'));
    expect(validateJunit(bad).ok).toBe(false);
  });
});

describe('CTRF', () => {
  const doc = JSON.parse(renderCtrf(REPORT));
  test('is valid by the CTRF reference implementation, with the same counts', () => {
    const result = validateCtrf(doc);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.results.summary).toMatchObject({ tests: T.tests, passed: T.passed, failed: T.failed, skipped: T.skipped, start: Date.parse(REPORT.startedAt!), stop: Date.parse(REPORT.startedAt!) + 2345 });
    expect(doc.results.tests).toHaveLength(T.tests);
    expect(doc.results.tests[2]).toMatchObject({ status: 'failed', suite: ['CreateRecTask', 'CreateRecTask · case'], trace: '/Data/TaskId should be integer [type]' });
  });
});

describe('job summary (markdown)', () => {
  const md = renderSummaryMarkdown(REPORT);
  test('totals first, then each failure with its reason, then the per-action table', () => {
    expect(md.split('\n')[0]).toBe(`## ❌ ASR contract run: 4 passed, 2 failed, 1 skipped of 7 checks`);
    expect(md).toMatch(/### Failures \(2\)\n\n\| action \| case \| check \| why \|/);
    expect(md).toContain('| realtime | realtime · case | the answer is code 4002 | {"code":0} |');
    expect(md).toMatch(/^\| CreateRecTask \| 1 \| 3 \| 1 \| 0 \| 0\.0 \|$/m);
    expect(md).toMatch(/^\| \*\*total\*\* \| 5 \| 7 \| 2 \| 1 \| 0\.1 \|$/m);
    // No raw markup from a server reaches the page, and no cell breaks the table.
    expect(md).not.toContain('<html>');
    const failureRows = md.split('\n').filter((l) => l.includes(' · case |'));
    expect(failureRows).toHaveLength(2);
    for (const line of failureRows) expect(line.split(/(?<!\\)\|/).length, line).toBe(6);
  });
});

describe('HTML', () => {
  const html = renderHtml(REPORT);
  test('fetches nothing: no http(s) address in any src, href or url()', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
  });

  test('renders the markdown, keeping link addresses as text', () => {
    expect(html).toContain('<h3>Using it</h3>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<span class="link">the docs</span> <span class="address">(https://cloud.tencent.com/document/product/1093)</span>');
    expect(html).toContain('<span class="image">[logo]</span>');
  });

  test('lists every failure at the top, each a link to its row', () => {
    const links = [...html.matchAll(/<a href="#(check-\d+)" data-testid="failure-link">/g)].map((m) => m[1]);
    expect(links).toEqual(['check-2', 'check-5']);
    for (const id of links) expect(html).toContain(`<tr id="${id}" class="failed">`);
    expect(html).toContain('got &lt;html&gt;&amp;');
    expect(html).not.toContain('<html>&');
  });
});

describe('the terminal table', () => {
  test('a row per action or surface, the preflight first, and the total', () => {
    const lines = formatTable(REPORT.checks);
    expect(lines[0]).toMatch(/^action +cases +checks +failed +skipped +seconds$/);
    expect(lines[1]).toMatch(/^preflight +1 +1 +0 +0 +0\.0$/);
    expect(lines.at(-1)).toMatch(/^total +5 +7 +2 +1 +0\.1$/);
  });
});

describe('the run report file (what merge-reports reads)', () => {
  test('round-trips', () => {
    expect(parseReport(serializeReport(REPORT), 'r.json')).toEqual(REPORT);
  });

  test.each([
    ['not JSON', '{', /r\.json is not JSON/],
    ['another JSON file', '{"run":{}}', /r\.json is not an asr-contract run report/],
    ['a check without a status', serializeReport({ ...REPORT, checks: [{ ...REPORT.checks[0]!, status: undefined as never }] }), /r\.json is not a valid run report: \/checks\/0\/status is required but missing/],
    ['an unknown status', serializeReport({ ...REPORT, checks: [{ ...REPORT.checks[0]!, status: 'flaky' as never }] }), /\/checks\/0\/status must be one of "passed", "failed", "skipped"/],
    ['shard 4 of 3', serializeReport({ ...REPORT, shard: { index: 4, total: 3 } }), /says it is shard 4 of 3/],
  ])('%s is one clear error', (_name, text, message) => {
    expect(() => parseReport(text, 'r.json')).toThrow(ReportFileError);
    expect(() => parseReport(text, 'r.json')).toThrow(message);
  });
});
