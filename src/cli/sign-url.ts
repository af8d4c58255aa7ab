// asr-contract sign-url realtime|virtual-number: prints a signed wss:// URL to paste into Postman's
// WebSocket tab (v2.1 collections cannot hold WebSocket requests) or any WebSocket client.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { signedChannelUrl } from '../signing/surface-urls.js';
import type { ContractProject } from '../project/resolve.js';
import { compileOrReport } from './compile-or-report.js';
import { UsageError, type Io } from './io.js';

export const SIGN_URL_USAGE = `Usage: asr-contract sign-url <channel> [--engine 16k_zh] [--voice-format N] [--param key=value]...
                            [--voice-id ID] [--expires-in SECONDS] [--base URL]

Prints a signed WebSocket URL for a channel (realtime, virtual-number).
  --engine         the engine (realtime; default: the spec's example engine)
  --voice-format   voice_format (e.g. 1 for pcm)
  --param k=v      any other query parameter (repeatable)
  --voice-id       session id (default: a new UUID)
  --expires-in     seconds until the URL expires (default 86400)
  --base           scheme and host (default wss://<the channel's host>; ws://127.0.0.1:8080 for the emulator)

Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_APPID. Without them
it signs for the local emulator with its documented test pair.`;

export function runSignUrl(argv: string[], io: Io, project: ContractProject): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string' },
      'voice-format': { type: 'string' },
      param: { type: 'string', multiple: true },
      'voice-id': { type: 'string' },
      'expires-in': { type: 'string' },
      base: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  const names = model.channels.map((c) => c.name);
  if (positionals.length !== 1) throw new UsageError(`name one channel: ${names.join(' or ')}`);
  const channel = model.channels.find((c) => c.name === positionals[0]);
  if (!channel) throw new UsageError(`unknown channel "${positionals[0]}"; channels: ${names.join(', ')}`);

  const live = Boolean(io.env.TENCENTCLOUD_SECRET_ID && io.env.TENCENTCLOUD_SECRET_KEY);
  const local = model.service.local;
  if (live && !io.env.TENCENTCLOUD_APPID) throw new UsageError('set TENCENTCLOUD_APPID: it is part of the URL');
  if (!live) io.stderr(`no TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY: signing for the local emulator with its test pair (AppId ${local.appId})`);
  const expiresIn = values['expires-in'] === undefined ? 86_400 : Number(values['expires-in']);
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) throw new UsageError(`--expires-in must be a positive number of seconds, got "${values['expires-in']}"`);

  const fields = new Set(channel.query.fields.map((f) => f.name));
  const params: Record<string, string> = {};
  const set = (key: string, value: string | undefined): void => {
    if (value === undefined) return;
    if (!fields.has(key)) throw new UsageError(`"${key}" is not a parameter of ${channel.name}; parameters: ${[...fields].join(', ')}`);
    params[key] = value;
  };
  const roles = channel.parameterRoles;
  set(roles.session, values['voice-id'] ?? randomUUID());
  if (roles.engine) {
    const engine = channel.query.fields.find((f) => f.name === roles.engine)!;
    set(roles.engine, values.engine ?? (engine.required ? String(engine.example ?? engine.constraints.enum?.[0] ?? '') : undefined));
  } else if (values.engine) throw new UsageError(`${channel.name} takes no engine`);
  if (values['voice-format'] !== undefined) {
    if (!roles.audioFormat) throw new UsageError(`${channel.name} takes no audio format`);
    set(roles.audioFormat, values['voice-format']);
  }
  for (const pair of values.param ?? []) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new UsageError(`--param takes key=value, got "${pair}"`);
    set(pair.slice(0, i), pair.slice(i + 1));
  }
  const base = values.base ?? (live ? `wss://${channel.host}` : `ws://127.0.0.1:${local.port}`);
  try {
    const u = new URL(base);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new Error();
  } catch {
    throw new UsageError(`--base must be a ws:// or wss:// URL, got "${base}"`);
  }
  const { url } = signedChannelUrl(channel, {
    base,
    appId: live ? io.env.TENCENTCLOUD_APPID! : local.appId,
    secretId: live ? io.env.TENCENTCLOUD_SECRET_ID! : local.secretId,
    secretKey: live ? io.env.TENCENTCLOUD_SECRET_KEY! : local.secretKey,
    params,
    now: Math.floor(Date.now() / 1000),
    expiresIn,
  });
  io.stdout(url);
  return 0;
}
