// Reads the installed tencentcloud-sdk-nodejs-asr type declarations with the TypeScript compiler
// API: the client's methods give the actions, the model interfaces give the fields.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as TS from 'typescript';
import type { RefField, RefShape, Reference } from './reference.js';

const SDK_PACKAGE = 'tencentcloud-sdk-nodejs-asr';
const MODELS_DIR = 'tencentcloud/services/asr/v20190614';

export class ReferenceUnavailable extends Error {}

async function loadTypeScript(): Promise<typeof TS> {
  try {
    const mod = (await import('typescript')) as unknown as { default?: typeof TS } & typeof TS;
    return mod.default ?? mod;
  } catch {
    throw new ReferenceUnavailable('the `typescript` package is needed to read SDK declarations: npm install --save-dev typescript');
  }
}

export function sdkDirectory(fromDir: string): { dir: string; version: string } {
  const require = createRequire(join(resolve(fromDir), 'package.json'));
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${SDK_PACKAGE}/package.json`);
  } catch {
    throw new ReferenceUnavailable(`${SDK_PACKAGE} is not installed: npm install --save-dev ${SDK_PACKAGE}`);
  }
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkgJson), MODELS_DIR), version };
}

/** `requestIdField` is the envelope's request-id member, which the SDK declares on every response. */
export async function readSdkDeclarations(fromDir: string, requestIdField: string): Promise<Reference> {
  const ts = await loadTypeScript();
  const { dir, version } = sdkDirectory(fromDir);
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
