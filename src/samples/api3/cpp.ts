// C++: tencentcloud-sdk-cpp has no JSON constructor for requests, so the example becomes setter
// calls, with a variable per nested object; the field types come from the model.
import type { Field, Model, TypeRef } from '../../model/types.js';
import { CREDENTIAL_ENV, type CodeSample } from '../types.js';
import { quoted, type Json } from '../literals.js';
import type { Api3Call } from './call.js';

interface Emitted {
  lines: string[];
  types: Set<string>;
  names: Set<string>;
}

function scalar(v: Json): string {
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  throw new Error(`not a scalar: ${JSON.stringify(v)}`);
}

function fieldsOf(model: Model, type: TypeRef): Field[] {
  if (type.kind !== 'named') return [];
  return model.types.find((t) => t.name === type.name)?.shape.fields ?? [];
}

function variable(out: Emitted, base: string): string {
  let name = base.charAt(0).toLowerCase() + base.slice(1);
  for (let i = 1; out.names.has(name); i++) name = `${base.charAt(0).toLowerCase()}${base.slice(1)}${i}`;
  out.names.add(name);
  return name;
}

/** A named-type value as a declared variable filled by its setters; returns the variable's name. */
function object(model: Model, type: TypeRef & { kind: 'named' }, value: Record<string, Json>, hint: string, out: Emitted): string {
  out.types.add(type.name);
  const name = variable(out, hint);
  const body: string[] = [];
  setters(model, fieldsOf(model, type), value, name, out, body);
  out.lines.push(`${type.name} ${name};`, ...body);
  return name;
}

function value(model: Model, type: TypeRef, v: Json, hint: string, out: Emitted): string {
  if (type.kind === 'array') return `{${(v as Json[]).map((x) => value(model, type.items, x, hint, out)).join(', ')}}`;
  if (type.kind === 'named') return object(model, type, v as Record<string, Json>, hint, out);
  return scalar(v);
}

function setters(model: Model, fields: Field[], params: Record<string, Json>, target: string, out: Emitted, into: string[]): void {
  for (const [name, v] of Object.entries(params)) {
    const field = fields.find((f) => f.name === name);
    if (!field) throw new Error(`${name} is not a field here`);
    const expr = value(model, field.type, v, name, out);
    into.push(`${target}.Set${name}(${expr});`);
  }
}

export function cppSample(c: Api3Call): CodeSample {
  const a = c.action.name;
  const out: Emitted = { lines: [], types: new Set(), names: new Set(['req', 'cred', 'httpProfile', 'clientProfile', 'client', 'outcome']) };
  const calls: string[] = [];
  setters(c.model, c.action.request.fields, c.params, 'req', out, calls);
  const dir = `tencentcloud/${c.service}/${c.versionPackage}`;
  const includes = [`${dir}/${c.serviceClass}Client.h`, `${dir}/model/${a}Request.h`, `${dir}/model/${a}Response.h`, ...[...out.types].sort().map((t) => `${dir}/model/${t}.h`)];
  const ns = `TencentCloud::${c.serviceClass}::${c.versionPackage.toUpperCase()}`;
  const env = (name: string): string => `getenv(${quoted(name)}) ? getenv(${quoted(name)}) : ""`;
  const body = [...out.lines, ...calls].map((l) => `    ${l}`).join('\n');
  const source = `// tencentcloud-sdk-cpp, built with -DBUILD_MODULES="${c.service}"
#include <tencentcloud/core/Credential.h>
#include <tencentcloud/core/TencentCloud.h>
#include <tencentcloud/core/profile/ClientProfile.h>
#include <tencentcloud/core/profile/HttpProfile.h>
${includes.map((i) => `#include <${i}>`).join('\n')}

#include <cstdlib>
#include <iostream>

using namespace TencentCloud;
using namespace ${ns};
using namespace ${ns}::Model;

int main() {
    TencentCloud::InitAPI();
    Credential cred = Credential(${env(CREDENTIAL_ENV.secretId)}, ${env(CREDENTIAL_ENV.secretKey)});
    HttpProfile httpProfile;
    httpProfile.SetEndpoint(${quoted(c.host)});
    ClientProfile clientProfile = ClientProfile(httpProfile);
    ${c.serviceClass}Client client = ${c.serviceClass}Client(cred, ${quoted(c.region)}, clientProfile);

    ${a}Request req;
${body ? `${body}\n` : ''}
    auto outcome = client.${a}(req);
    if (!outcome.IsSuccess()) {
        std::cerr << outcome.GetError().PrintAll() << std::endl;
        TencentCloud::ShutdownAPI();
        return 1;
    }
    std::cout << outcome.GetResult().ToJsonString() << std::endl;
    TencentCloud::ShutdownAPI();
    return 0;
}
`;
  return { lang: 'C++', label: 'C++', source };
}
