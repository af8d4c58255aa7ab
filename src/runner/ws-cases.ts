// WebSocket contract cases, with a Node `ws` client: every server message is checked against the
// AsyncAPI document's message schemas. A successful session, a bad signature, an expired URL, an
// unknown text frame, and a virtual-number session.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { describeAjvError } from '../model/ajv.js';
import { SIGN_PROBES } from '../model/cases.js';
import { evaluateValue, Scope } from '../model/expr-eval.js';
import type { Model } from '../model/types.js';
import { signedChannelUrl } from '../signing/surface-urls.js';
import { matchChannelMessage } from './channel-messages.js';
import { CaseRecorder, type SurfaceCase } from './checks.js';
import type { DocumentValidators } from './verify.js';

const SESSION_TIMEOUT_MS = 15_000;
const WAV_HEADER_BYTES = 44;

export interface WsTarget {
  /** ws://127.0.0.1:port or wss://asr.cloud.tencent.com */
  base: string;
  appId: string;
  secretId: string;
  secretKey: string;
}

interface Received {
  messages: unknown[];
  error?: string;
}

/** Opens the URL, lets `drive` send, and collects every text message until the server closes. */
function converse(url: string, drive: (ws: WebSocket) => void): Promise<Received> {
  return new Promise((resolve) => {
    const messages: unknown[] = [];
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ messages, error: `the server did not close the session within ${SESSION_TIMEOUT_MS / 1000} s` });
    }, SESSION_TIMEOUT_MS);
    ws.on('open', () => drive(ws));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      try {
        messages.push(JSON.parse(data.toString('utf8')));
      } catch {
        messages.push(data.toString('utf8'));
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      resolve({ messages });
    });
    ws.on('error', (e) => {
      clearTimeout(timer);
      resolve({ messages, error: e.message });
    });
  });
}

/** How many sessions runWsCases opens on a channel (a shard's weight for it). */
export const sessionsOf = (channel: Model['channels'][number]): number => (channel.emulator?.mode === 'transcript' ? 4 : 3);

/** `include` picks channels by name (a shard runs some of them). */
export async function runWsCases(model: Model, target: WsTarget, asyncapi: DocumentValidators, audio: Buffer, include: (channel: string) => boolean = () => true): Promise<SurfaceCase[]> {
  const out: SurfaceCase[] = [];
  const pcm = audio.subarray(WAV_HEADER_BYTES);
  for (const channel of model.channels) {
    if (!channel.emulator || !include(channel.name)) continue;
    const codeOf = (role: string): number | undefined => channel.codes.find((c) => c.role === role)?.code;
    const url = (overrides: { secretKey?: string; now?: number; expiresIn?: number } = {}): string => {
      const roles = channel.parameterRoles;
      const params: Record<string, string> = { [roles.session]: randomUUID() };
      if (roles.engine) {
        const engine = channel.query.fields.find((f) => f.name === roles.engine)!;
        params[roles.engine] = String(engine.example ?? engine.constraints.enum?.[0]);
      }
      return signedChannelUrl(channel, { base: target.base, appId: target.appId, secretId: target.secretId, secretKey: overrides.secretKey ?? target.secretKey, params, now: overrides.now ?? Math.floor(Date.now() / 1000), ...(overrides.expiresIn ? { expiresIn: overrides.expiresIn } : {}) }).url;
    };

    /**
     * Each message must fit one of the channel's receive messages; returns the names matched. A
     * session that brought no message at all is one failed check and nothing else (undefined).
     */
    const classify = (rec: CaseRecorder, received: Received): string[] | undefined => {
      if (received.messages.length === 0) {
        rec.check('the server answers with a message', false, received.error ? `no message: ${received.error}` : 'the session closed without a message');
        return undefined;
      }
      rec.check('the session ends with a close from the server', !received.error, received.error);
      return received.messages.map((m, i) => {
        const match = matchChannelMessage(channel, asyncapi, 'receive', m).name;
        const firstSchema = asyncapi.pointer(`/components/messages/${channel.name}.error/payload`);
        rec.check(`message ${i + 1} matches a message schema${match ? ` (${match})` : ''}`, match !== undefined, match ? undefined : `${JSON.stringify(m).slice(0, 200)}; as an error: ${firstSchema && !firstSchema(m) ? (firstSchema.errors ?? []).map(describeAjvError).join('; ') : '?'}`);
        return match ?? '?';
      });
    };
    const status = (m: unknown): unknown => (m && typeof m === 'object' ? (m as Record<string, unknown>).code : undefined);

    if (channel.emulator.mode === 'transcript') {
      const ok = new CaseRecorder(channel.name, `${channel.name} · a successful session`, 'websocket');
      const received = await converse(url(), (ws) => {
        for (let i = 0; i < pcm.length; i += 6400) ws.send(pcm.subarray(i, i + 6400));
        ws.send(JSON.stringify({ type: 'end' }));
      });
      const names = classify(ok, received);
      if (names) {
        ok.check('the first message is the acknowledgement', names[0] === 'ack' && status(received.messages[0]) === codeOf('success'));
        ok.check('results arrive before the end', names.slice(1, -1).length > 0 && names.slice(1, -1).every((n) => n !== 'error' && n !== 'final'), names.join(', '));
        ok.check('the last message is the final one', names.at(-1) === 'final', names.join(', '));
      }
      out.push(ok.result());

      const unknown = new CaseRecorder(channel.name, `${channel.name} · an unknown text frame → ${codeOf('unknown-message')}`, 'websocket');
      const r = await converse(url(), (ws) => ws.send(JSON.stringify({ type: 'pause' })));
      if (classify(unknown, r)) unknown.check(`the answer is code ${codeOf('unknown-message')}`, status(r.messages.at(-1)) === codeOf('unknown-message'), JSON.stringify(r.messages.at(-1)));
      out.push(unknown.result());
    } else {
      const detect = new CaseRecorder(channel.name, `${channel.name} · a session`, 'websocket');
      const bytesPerMs = Number(evaluateValue(channel.emulator.bytesPerMs, new Scope({ params: {} }))) || 16;
      const needed = (channel.emulator.decisionAfterMs ?? 0) * bytesPerMs + 3200;
      const received = await converse(url(), (ws) => {
        for (let sent = 0; sent < needed; sent += 3200) ws.send(Buffer.alloc(3200, 1));
        ws.send(JSON.stringify({ type: 'end' }));
      });
      const names = classify(detect, received);
      if (names) {
        detect.check('the first message is the acknowledgement', names[0] === 'ack');
        detect.check('then the result', names.includes('result') && status(received.messages.at(-1)) === codeOf('success'), names.join(', '));
      }
      out.push(detect.result());
    }

    const badSig = new CaseRecorder(channel.name, `${channel.name} · a bad signature → ${codeOf('auth-failed')}`, 'websocket');
    // The suite's wrong-key probe, which the contract proxy recognises as the suite's own.
    const b = await converse(url({ secretKey: `${target.secretKey}${SIGN_PROBES['wrong-key'].keySuffix}` }), () => {});
    if (classify(badSig, b)) badSig.check(`the answer is code ${codeOf('auth-failed')}`, status(b.messages.at(-1)) === codeOf('auth-failed'), JSON.stringify(b.messages.at(-1)));
    out.push(badSig.result());

    const expired = new CaseRecorder(channel.name, `${channel.name} · an expired URL → ${codeOf('auth-failed')}`, 'websocket');
    // Signed 100 s ago, valid for 50 s: within the timestamp window, but past its expiry.
    const e = await converse(url({ now: Math.floor(Date.now() / 1000) - 100, expiresIn: 50 }), () => {});
    if (classify(expired, e)) expired.check(`the answer is code ${codeOf('auth-failed')}`, status(e.messages.at(-1)) === codeOf('auth-failed'), JSON.stringify(e.messages.at(-1)));
    out.push(expired.result());
  }
  return out;
}
