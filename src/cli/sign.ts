// asr-contract sign <Action>: signs one API 3.0 call for exactly the bytes given and prints its
// headers, a curl command, every signing step (--explain), or which input of a captured
// Authorization header differs (--authorization).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Model } from '../model/types.js';
import { optionalHeaderName } from '../model/roles.js';
import { ModelValidators } from '../model/validators.js';
import { acceptedScopeServices } from '../mock/api3/auth.js';
import { validateParams } from '../mock/api3/validate.js';
import { ApiError } from '../mock/errors.js';
import { Protocol } from '../mock/protocol.js';
import { isLocalUrl, serviceRoot, TargetError } from '../runner/target.js';
import { API3_CONTENT_TYPE, signApi3Request, type SignedApi3Request } from '../signing/api3-request.js';
import { diagnoseTc3 } from '../signing/tc3-diagnose.js';
import { formatTc3Diagnosis, formatTc3Steps } from '../signing/tc3-explain-text.js';
import { suggest } from '../spec/suggest.js';
import type { ContractProject } from '../project/resolve.js';
import { compileOrReport } from './compile-or-report.js';
import { curlCommand } from './curl-command.js';
import { UsageError, type Io } from './io.js';

export const SIGN_USAGE = `Usage: asr-contract sign <Action> --data JSON|@FILE [--base-url URL] [--curl] [--explain]
                         [--authorization HEADER --timestamp N] [--content-type TYPE]

Signs one API 3.0 call with TC3-HMAC-SHA256, for exactly the bytes of --data, and prints its headers
("Name: value", one per line: curl -H @- reads them), or with --curl a curl command to run.
  --data JSON|@FILE    the request body as JSON text, or @ and a file that holds it; sent byte for byte
  --base-url URL       the service root (default https://<the service's host> with credentials,
                       the emulator at http://127.0.0.1:<port> without)
  --curl               print a ready curl command: paste it, or run eval "$(asr-contract sign … --curl)"
  --explain            print every step: canonical request, its hash, string to sign, the derived keys
                       (as their SHA-256, never the keys) and the signature
  --authorization H    an Authorization header a client sent with this body: say which input differs
                       (date, service, signed headers, Content-Type, body hash); exit 1 when one does.
                       Give --timestamp too, the X-TC-Timestamp it was sent with
  --timestamp N        sign for this Unix time instead of now
  --content-type TYPE  the Content-Type sent (default ${API3_CONTENT_TYPE})

Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, with TENCENTCLOUD_TOKEN for temporary
keys and TENCENTCLOUD_REGION (default: the spec's region). Without them it signs only for a loopback
--base-url, with the emulator's documented test pair.`;

interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

function credentials(model: Model, io: Io, url: URL): Credentials {
  const { TENCENTCLOUD_SECRET_ID: id, TENCENTCLOUD_SECRET_KEY: key, TENCENTCLOUD_TOKEN: token } = io.env;
  if (id && key) return { secretId: id, secretKey: key, ...(token ? { token } : {}) };
  if (id || key) throw new UsageError('set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or neither to sign for the local emulator');
  if (!isLocalUrl(url)) throw new UsageError(`set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to sign for ${url.origin}; without them, sign signs only for a loopback --base-url (the emulator)`);
  io.stderr(`no TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY: signing with the local emulator's test pair`);
  return { secretId: model.service.local.secretId, secretKey: model.service.local.secretKey };
}

/** The body, byte for byte: the text given, or the file named after `@`. */
function readData(value: string | undefined, cwd: string): { bytes: Buffer; file?: string } {
  if (value === undefined) throw new UsageError('give the request body with --data \'{"…": …}\' or --data @file.json');
  if (!value.startsWith('@')) return { bytes: Buffer.from(value, 'utf8') };
  const file = value.slice(1);
  try {
    return { bytes: readFileSync(resolve(cwd, file)), file };
  } catch (e) {
    throw new UsageError(`--data ${value}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The body must be a JSON object; one the service would refuse is still signed, with a warning. */
function checkBody(model: Model, action: Model['actions'][number], bytes: Buffer, io: Io): void {
  let params: unknown;
  try {
    params = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UsageError(`--data is not JSON: ${(e as Error).message}`);
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new UsageError('--data must be a JSON object, the action\'s parameters');
  try {
    validateParams(action, params, ModelValidators.for(model), new Protocol(model));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    io.stderr(`warning: ${action.name} would be answered ${e.code}${e.param ? ` (${e.param})` : ''}; signed as given`);
  }
}

function timestampFlag(value: string | undefined): number {
  if (value === undefined) return Math.floor(Date.now() / 1000);
  if (!/^\d{1,12}$/.test(value)) throw new UsageError(`--timestamp must be a Unix time in seconds, got "${value}"`);
  return Number(value);
}

export function runSign(argv: string[], io: Io, project: ContractProject): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      'base-url': { type: 'string' },
      curl: { type: 'boolean' },
      explain: { type: 'boolean' },
      authorization: { type: 'string' },
      timestamp: { type: 'string' },
      'content-type': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  // Flags first: they need no specs, and compiling them takes a moment.
  if (positionals.length !== 1) throw new UsageError('name one action, e.g. asr-contract sign SentenceRecognition --data \'{…}\'');
  if (values.authorization !== undefined && values.timestamp === undefined) throw new UsageError('--authorization needs --timestamp: the X-TC-Timestamp the header was sent with');
  const timestamp = timestampFlag(values.timestamp);
  const data = readData(values.data, io.cwd);
  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  const action = model.actions.find((a) => a.name === positionals[0]);
  if (!action) {
    const near = suggest(positionals[0]!, model.actions.map((a) => a.name));
    throw new UsageError(`unknown action "${positionals[0]}"${near ? `; did you mean ${near}?` : ''}`);
  }
  const live = Boolean(io.env.TENCENTCLOUD_SECRET_ID && io.env.TENCENTCLOUD_SECRET_KEY);
  let url: URL;
  try {
    url = serviceRoot(model, values['base-url'] ?? (live ? `https://${model.service.endpoints[0]!.host}` : `http://127.0.0.1:${model.service.local.port}`));
  } catch (e) {
    if (e instanceof TargetError) throw new UsageError(e.message);
    throw e;
  }
  checkBody(model, action, data.bytes, io);
  const creds = credentials(model, io, url);
  const contentType = values['content-type'] ?? API3_CONTENT_TYPE;
  const signed = signApi3Request(model, {
    baseUrl: url.origin,
    action: action.name,
    body: data.bytes,
    timestamp,
    ...creds,
    region: io.env.TENCENTCLOUD_REGION || model.service.defaultRegion,
    contentType,
  });

  if (values.authorization !== undefined) {
    const diagnosis = diagnoseTc3(
      { method: 'POST', query: '', headers: { ...Object.fromEntries(signed.headers.map(([k, v]) => [k.toLowerCase(), v])), host: url.host }, body: data.bytes, timestamp: signed.steps.timestamp, authorization: values.authorization },
      {
        ...creds,
        // The emulator also accepts the scope the SDKs derive from a loopback host's first label.
        services: isLocalUrl(url) ? acceptedScopeServices(model.service.signing.scopeService, [url.host]) : [model.service.signing.scopeService],
        requiredSignedHeaders: model.service.signing.requiredSignedHeaders,
        hosts: [...new Set([url.hostname, url.host])],
      },
    );
    io.stdout(formatTc3Diagnosis(diagnosis, { showSignature: true }).join('\n'));
    return diagnosis.valid ? 0 : 1;
  }
  const output = values.curl ? curl(model, signed, data) : signed.headers.map(([k, v]) => `${k}: ${v}`).join('\n');
  io.stdout(values.explain ? [...formatTc3Steps(signed.steps, { showSignature: true }), '', values.curl ? 'As a curl command:' : 'The headers to send:', output].join('\n') : output);
  return 0;
}

function curl(model: Model, signed: SignedApi3Request, data: { bytes: Buffer; file?: string }): string {
  const token = optionalHeaderName(model, 'token');
  return curlCommand({
    url: signed.url,
    headers: signed.headers,
    body: data.file !== undefined ? { file: data.file } : { text: data.bytes.toString('utf8') },
    ...(token ? { fromEnv: { [token]: 'TENCENTCLOUD_TOKEN' } } : {}),
  });
}
