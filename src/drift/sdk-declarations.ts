// Reads the installed tencentcloud-sdk-nodejs-asr type declarations with the TypeScript compiler
// API: the client's methods give the actions, the model interfaces give the fields.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TS from 'typescript';
import type { RefField, RefShape, Reference } from './reference.js';

const SDK_PACKAGE = 'tencentcloud-sdk-nodejs-asr';
const MODELS_DIR = 'tencentcloud/services/asr/v20190614';

export class ReferenceUnavailable extends Error {}

/**
 * What drift reads with, and from: both are optional peer dependencies of the kit. TypeScript 7 (the
 * native port) ships no compiler API for JavaScript, so the reader needs TypeScript 5 (or 4.7 and later).
 */
export const DRIFT_PEERS = ['typescript@5', SDK_PACKAGE] as const;
const INSTALL_LINE = `npm install --save-dev ${DRIFT_PEERS.join(' ')}`;

/**
 * A package as the user's project sees it (the first of `fromDirs` that resolves it): the user's
 * own installed version wins over one that happens to sit beside the kit.
 */
function resolveFrom(fromDirs: readonly string[], specifier: string): string | undefined {
  for (const dir of fromDirs) {
    try {
      return createRequire(join(resolve(dir), 'package.json')).resolve(specifier);
    } catch {
      // not installed as seen from there; try the next
    }
  }
  return undefined;
}

async function loadTypeScript(fromDirs: readonly string[]): Promise<typeof TS> {
  const entry = resolveFrom(fromDirs, 'typescript');
  if (!entry) throw new ReferenceUnavailable(`the \`typescript\` package is needed to read the SDK's declarations; install what drift reads: ${INSTALL_LINE}`);
  const mod = (await import(pathToFileURL(entry).href)) as unknown as { default?: typeof TS } & typeof TS;
  const ts = mod.default ?? mod;
  if (typeof ts.createSourceFile !== 'function') {
    throw new ReferenceUnavailable(`the installed \`typescript\` ${String(ts.version ?? '')} has no compiler API for JavaScript (TypeScript 7 is a native port); drift reads the SDK's declarations with TypeScript 5: ${INSTALL_LINE}`.replace('  ', ' '));
  }
  return ts;
}

export function sdkDirectory(fromDirs: string | readonly string[]): { dir: string; version: string } {
  const pkgJson = resolveFrom(typeof fromDirs === 'string' ? [fromDirs] : fromDirs, `${SDK_PACKAGE}/package.json`);
  if (!pkgJson) throw new ReferenceUnavailable(`${SDK_PACKAGE} is not installed; install what drift reads: ${INSTALL_LINE}`);
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgJson), MODELS_DIR), version };
}

/** `requestIdField` is the envelope's request-id member, which the SDK declares on every response. */
/** `fromDirs`: where to resolve the SDK and TypeScript from, in order (the user's project first). */
export async function readSdkDeclarations(fromDirs: string | readonly string[], requestIdField: string): Promise<Reference> {
  const dirs = typeof fromDirs === 'string' ? [fromDirs] : fromDirs;
  const ts = await loadTypeScript(dirs);
  const { dir, version } = sdkDirectory(dirs);
  const parse = (file: string): TS.SourceFile => ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const models = parse('asr_models.d.ts');
  const client = parse('asr_client.d.ts');

  const shapes = new Map<string, RefShape>();
  const nullTypes = new Set<string>();
  for (const st of models.statements) {
    if (ts.isInterfaceDeclaration(st)) shapes.set(st.name.text, { fields: interfaceFields(ts, st) });
    else if (ts.isTypeAliasDeclaration(st) && st.type.kind === ts.SyntaxKind.LiteralType) nullTypes.add(st.name.text); // `type X = null`: no parameters
  }
  const shapeFor = (name: string): RefShape => shapes.get(name) ?? { fields: new Map() };

  const actions = new Map<string, { request: RefShape; response: RefShape }>();
  for (const st of client.statements) {
    if (!ts.isClassDeclaration(st)) continue;
    for (const m of st.members) {
      if (!ts.isMethodDeclaration(m) || !m.name || !ts.isIdentifier(m.name)) continue;
      const param = m.parameters[0]?.type;
      if (!param || !ts.isTypeReferenceNode(param)) continue;
      const requestName = param.typeName.getText(client);
      if (!requestName.endsWith('Request')) continue;
      const responseName = `${requestName.slice(0, -'Request'.length)}Response`;
      const response = shapeFor(responseName);
      response.fields.delete(requestIdField);
      actions.set(m.name.text, { request: nullTypes.has(requestName) ? { fields: new Map() } : shapeFor(requestName), response });
    }
  }
  const types = new Map([...shapes].filter(([name]) => !/(Request|Response)$/.test(name)));
  return { source: `${SDK_PACKAGE}@${version}`, knows: { always: false, nullable: false, integers: false }, actions, types };
}

function interfaceFields(ts: typeof TS, node: TS.InterfaceDeclaration): Map<string, RefField> {
  const fields = new Map<string, RefField>();
  for (const member of node.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = member.name.getText();
    const deprecated = ts.getJSDocTags(member).some((t) => t.tagName.text === 'deprecated');
    fields.set(name, { name, kind: kindText(ts, member.type), required: !member.questionToken, deprecated });
  }
  return fields;
}

function kindText(ts: typeof TS, t: TS.TypeNode): string {
  if (ts.isArrayTypeNode(t)) return `${kindText(ts, t.elementType)}[]`;
  if (ts.isTypeReferenceNode(t)) {
    const name = t.typeName.getText();
    if (name === 'Array' && t.typeArguments?.[0]) return `${kindText(ts, t.typeArguments[0])}[]`;
    return `object:${name}`;
  }
  switch (t.kind) {
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    default:
      return t.getText();
  }
}
