// generated/types.d.ts as another team consumes it: `import type … from 'asr-contract'` in a strict
// TypeScript project, compiled with the TypeScript compiler API. The negative file proves the types
// are precise enough to reject a missing required field, a value outside an enum and a wrong type.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

let project: string;
beforeAll(() => {
  // A consumer project with this package installed under its own name.
  project = mkdtempSync(join(tmpdir(), 'asr-types-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(PACKAGE_ROOT, join(project, 'node_modules', 'asr-contract'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Compiles every source in one program (one TypeScript start-up) and returns each file's diagnostics. */
function compile(sources: Record<string, string>): Record<string, string[]> {
  const files = Object.entries(sources).map(([name, text]) => {
    const file = join(project, `${name}.ts`);
    writeFileSync(file, text);
    return [name, file] as const;
  });
  const program = ts.createProgram(
    files.map(([, f]) => f),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      exactOptionalPropertyTypes: true,
      types: [],
    },
  );
  const out: Record<string, string[]> = {};
  for (const [name, file] of files) {
    out[name] = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  }
  return out;
}

const CLIENT = `
import type { CreateRecTaskRequest, CreateRecTaskResponse, DescribeTaskStatusResponse, SentenceRecognitionRequest } from 'asr-contract';
import type { FlashRecognitionResponse, RealtimeServerMessage, RecTaskCallbackBody } from 'asr-contract';

export const request: CreateRecTaskRequest = {
  EngineModelType: '16k_zh',
  ChannelNum: 1,
  ResTextFormat: 0,
  SourceType: 0,
  Url: 'https://example.com/call.wav',
};

export function taskId(r: CreateRecTaskResponse): number {
  return r.Data.TaskId;
}

export function finished(r: DescribeTaskStatusResponse): string | undefined {
  return r.Data.Status === 2 ? r.Data.Result : undefined;
}

export const sentence: SentenceRecognitionRequest = { EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: 'UklGRg==', DataLen: 4 };

// Beyond API 3.0: flash recognition, the real-time WebSocket and the recorded-file callback.
export function flashText(r: FlashRecognitionResponse): string[] {
  return (r.flash_result ?? []).map((c) => c.text);
}

export function liveText(m: RealtimeServerMessage): string | undefined {
  return 'result' in m ? m.result.voice_text_str : undefined;
}

export function callbackOk(b: RecTaskCallbackBody): boolean {
  return b.code === 0 && b.text.length > 0;
}
`;

const NEGATIVE: [string, string, RegExp][] = [
    ['a missing required field', `const r: CreateRecTaskRequest = { EngineModelType: '16k_zh', ChannelNum: 1, SourceType: 0 };`, /TS2741 .*'ResTextFormat' is missing/],
    ['a value outside an enum', `const r: CreateRecTaskRequest = { EngineModelType: '48k_klingon', ChannelNum: 1, ResTextFormat: 0, SourceType: 0 };`, /TS2322 Type '"48k_klingon"' is not assignable/],
    ['a wrong scalar type', `const r: CreateRecTaskRequest = { EngineModelType: '16k_zh', ChannelNum: '1', ResTextFormat: 0, SourceType: 0 };`, /TS2322 Type 'string' is not assignable to type/],
    ['an undeclared field', `const r: CreateRecTaskRequest = { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Colour: 'red' };`, /TS2353 .*'Colour' does not exist/],
    ['reading a response field that does not exist', `declare const r: CreateRecTaskResponse; r.Data.Progress;`, /TS2339 Property 'Progress' does not exist/],
];

describe('generated/types.d.ts', () => {
  let diagnostics: Record<string, string[]>;
  beforeAll(() => {
    const header = `import type { CreateRecTaskRequest, CreateRecTaskResponse } from 'asr-contract';\n`;
    diagnostics = compile({ client: CLIENT, ...Object.fromEntries(NEGATIVE.map(([, body], i) => [`negative${i}`, `${header}${body}\nexport {};\n`])) });
  });

  test('a strict client compiles against `import type … from "asr-contract"`', () => {
    expect(diagnostics.client).toEqual([]);
  });

  test.each(NEGATIVE.map((row, i) => [...row, i] as const))('rejects %s', (_name, _body, message, i) => {
    expect(diagnostics[`negative${i}`]).toHaveLength(1);
    expect(diagnostics[`negative${i}`]![0]).toMatch(message);
  });

  test('every action, endpoint, WebSocket message and callback has its type; uint64 ids carry the precision note', async () => {
    const { compileSpecDir } = await import('../../src/model/compile.js');
    const { emitTypes } = await import('../../src/typescript/emit.js');
    const model = compileSpecDir(PACKAGE_ROOT).model!;
    const text = emitTypes(model);
    for (const a of model.actions) {
      expect(text).toContain(`export interface ${a.name}Request {`);
      expect(text).toContain(`export interface ${a.name}Response {`);
    }
    for (const e of model.endpoints) expect(text).toContain(`export interface ${e.name}Response {`);
    for (const cb of model.callbacks) expect(text).toContain(`export interface ${cb.name}Body {`);
    const messages = model.channels.flatMap((c) => c.messages.filter((m) => m.payload).map((m) => `${c.name}/${m.name}`));
    expect(messages.length).toBeGreaterThan(0);
    expect(text.match(/^export interface \w+Message \{/gm)).toHaveLength(messages.length);
    expect(text).toMatch(/uint64: JavaScript numbers are exact only up to 2\^53 − 1[^\n]*\n(?:\s+\*[^\n]*\n)*\s+\*\/\n\s+TaskId: number;/);
  });
});
