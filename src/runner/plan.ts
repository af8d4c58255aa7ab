// What a contract run will contact, decided once and printed before anything is sent: one line per
// surface with its address, or why it is left out. The runner then follows this plan and nothing else.
import type { Model } from '../model/types.js';
import { fillPath } from '../signing/surface-urls.js';
import { maskSecretId } from '../report/redact.js';
import { isLocal, type Target } from './target.js';

export interface RunPlan {
  /** ws:// or wss:// origin for the WebSocket cases; absent when they are left out. */
  ws?: string;
  /** Whether the callback cases run (the server must reach a listener on this machine). */
  callbacks: boolean;
  /** Printed before the run. */
  lines: string[];
  /** Surfaces left out for a reason the reports show as skipped checks (not for --folder: the user chose those). */
  skipped: { ws?: string; callbacks?: string };
}

export interface PlanOptions {
  folders: readonly string[];
  includeMutating: boolean;
}

// Without an AppId the plan still shows where the AppId goes.
const fill = (path: string, appId: string): string => (appId ? fillPath(path, appId) : path.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, '<appid>'));

export function planRun(model: Model, target: Target, opts: PlanOptions): RunPlan {
  const appId = target.values.appId;
  const rows: [string, string][] = [];
  rows.push(['API 3.0', `${target.baseUrl}/${target.emulator ? ' (the emulator started for this run)' : ''}`]);

  for (const e of model.endpoints) {
    if (!target.flashBaseUrl) rows.push([e.name, `left out: ${target.leftOut.flash}`]);
    else if (e.mutating && !opts.includeMutating && !isLocal(target.flashBaseUrl)) rows.push([e.name, 'left out: it submits recognition work (add --include-mutating to run it)']);
    else rows.push([e.name, `${target.flashBaseUrl}${fill(e.path, appId)}`]);
  }

  let ws: string | undefined;
  const channelReason = (): string | undefined => {
    if (opts.folders.length > 0) return '--folder given';
    if (!target.wsBaseUrl) return target.leftOut.ws;
    if (!isLocal(target.wsBaseUrl) && !opts.includeMutating) return 'the sessions submit recognition work (add --include-mutating to run them)';
    if (!appId) return 'set TENCENTCLOUD_APPID: the AppId is part of the URL';
    return undefined;
  };
  const wsReason = channelReason();
  if (wsReason === undefined) ws = target.wsBaseUrl;
  for (const c of model.channels) rows.push([c.name, wsReason === undefined ? `${target.wsBaseUrl}${fill(c.path, appId)}` : `left out: ${wsReason}`]);

  const callbackReason = opts.folders.length > 0 ? '--folder given' : !isLocal(target.baseUrl) ? `${target.baseUrl} cannot deliver to a listener on this machine` : undefined;
  if (model.callbacks.length > 0) {
    rows.push([`callbacks`, callbackReason === undefined ? `to a listener on 127.0.0.1, for tasks started through ${target.baseUrl} (${model.callbacks.map((c) => c.name).join(', ')})` : `left out: ${callbackReason}`]);
  }
  rows.push(['credentials', target.credentials === 'environment' ? `TENCENTCLOUD_SECRET_ID ${maskSecretId(target.values.secretId)} (and its key)` : `the emulator's local test pair, SecretId ${maskSecretId(target.values.secretId)}`]);

  const width = Math.max(...rows.map(([k]) => k.length));
  const chosen = (reason: string | undefined): string | undefined => (reason === '--folder given' ? undefined : reason);
  const skipped = { ...(chosen(wsReason) ? { ws: wsReason } : {}), ...(chosen(callbackReason) ? { callbacks: callbackReason } : {}) };
  return { ...(ws ? { ws } : {}), callbacks: callbackReason === undefined && model.callbacks.length > 0, lines: rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), skipped };
}
