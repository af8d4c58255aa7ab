// Flash, WebSocket and callback specs: the codes the emulator needs by role, the messages a
// session sends, the action a callback belongs to, and examples that obey their own schemas.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import { describeAjvError } from '../ajv.js';
import type { Sources } from '../build.js';
import type { NumericCode } from '../surface-types.js';
import type { Model } from '../types.js';
import { ModelValidators } from '../validators.js';

function missingRoles(codes: readonly NumericCode[], roles: readonly string[]): string[] {
  return roles.filter((r) => !codes.some((c) => c.role === r));
}

export function checkSurfaces(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const validators = ModelValidators.for(model);
  const invalid = (file: Parameters<typeof diagnosticAt>[0], path: (string | number)[], what: string, errors: readonly unknown[] | null | undefined): void => {
    out.push(diagnosticAt(file, path, 'example-invalid', `${what}: ${(errors ?? []).map((e) => describeAjvError(e as never)).join('; ')}`));
  };

  for (const e of model.endpoints) {
    const file = sources.surfaces.get(e.name)!;
    for (const role of missingRoles(e.codes, ['success', 'invalid-parameter', 'auth-failed', 'audio-too-large', 'audio-empty', 'upload-timeout', 'internal-error'])) {
      out.push(diagnosticAt(file, ['codes'], 'missing-role', `no code has \`role: ${role}\`; the emulator needs one`, { atKey: true }));
    }
    for (const key of ['statusField', 'requestIdField'] as const) {
      if (!e.response.fields.some((f) => f.name === e[key] && f.always)) out.push(diagnosticAt(file, [key], 'endpoint-ref', `\`${e[key]}\` is not an always-present response field`));
    }
    if (e.engineParameter && !e.query.fields.some((f) => f.name === e.engineParameter)) out.push(diagnosticAt(file, ['engineParameter'], 'endpoint-ref', `\`${e.engineParameter}\` is not a query parameter of ${e.name}`));
    e.examples.forEach((ex, i) => {
      const q = validators.surface(`query.${e.name}`);
      if (ex.query && !q(ex.query)) invalid(file, ['examples', i, 'query'], `example "${ex.title}" query`, q.errors);
      const r = validators.surface(`response.${e.name}`);
      if (ex.response && !r(ex.response)) invalid(file, ['examples', i, 'response'], `example "${ex.title}" response`, r.errors);
    });
  }

  for (const c of model.channels) {
    const file = sources.surfaces.get(c.name)!;
    const roles = ['success', 'invalid-parameter', 'auth-failed', 'unknown-message', 'internal-error'];
    if (c.limits.silenceSeconds !== undefined) roles.push('silence-timeout');
    if (c.limits.audioSecondsPerSecond !== undefined) roles.push('too-fast');
    for (const role of missingRoles(c.codes, roles)) out.push(diagnosticAt(file, ['codes'], 'missing-role', `no code has \`role: ${role}\`; the emulator needs one`, { atKey: true }));
    for (const [role, name] of Object.entries(c.parameterRoles)) {
      if (!c.query.fields.some((f) => f.name === name)) out.push(diagnosticAt(file, ['parameterRoles', role], 'channel-ref', `\`${name}\` is not a query parameter of ${c.name}`));
    }
    const needed = ['ack', 'error', ...(c.emulator?.mode === 'transcript' ? ['final'] : [])];
    for (const name of needed) {
      if (!c.messages.some((m) => m.name === name && m.direction === 'receive' && m.payload)) out.push(diagnosticAt(file, ['messages'], 'missing-message', `the emulator needs a receive message \`${name}\` with a payload`, { atKey: true }));
    }
    if (!c.messages.some((m) => m.name === 'end' && m.direction === 'send' && m.payload)) out.push(diagnosticAt(file, ['messages'], 'missing-message', 'the emulator needs a send message `end` with a payload', { atKey: true }));
    c.examples.forEach((ex, i) => {
      (ex.messages ?? []).forEach((msg, j) => {
        const fits = c.messages.filter((m) => m.payload).some((m) => validators.surface(`message.${c.name}.${m.name}`)(msg));
        if (!fits) out.push(diagnosticAt(file, ['examples', i, 'messages', j], 'example-invalid', `example "${ex.title}" message ${j + 1} matches none of the channel's message payloads`));
      });
    });
  }

  const kinds = new Set(model.emulator.resources.map((r) => r.name));
  for (const cb of model.callbacks) {
    const file = sources.surfaces.get(cb.name)!;
    const action = model.actions.find((a) => a.name === cb.action);
    if (!action) out.push(diagnosticAt(file, ['action'], 'callback-ref', `unknown action \`${cb.action}\``));
    else if (!action.request.fields.some((f) => f.name === cb.urlParameter)) out.push(diagnosticAt(file, ['urlParameter'], 'callback-ref', `\`${cb.urlParameter}\` is not a parameter of ${cb.action}`));
    if (cb.checksum && action && !action.request.fields.some((f) => f.name === cb.checksum!.tokenParameter)) out.push(diagnosticAt(file, ['checksum', 'tokenParameter'], 'callback-ref', `\`${cb.checksum.tokenParameter}\` is not a parameter of ${cb.action}`));
    if (cb.emulator && !kinds.has(cb.emulator.resource)) out.push(diagnosticAt(file, ['emulator', 'resource'], 'callback-ref', `unknown resource kind \`${cb.emulator.resource}\``));
    cb.examples.forEach((ex, i) => {
      const b = validators.surface(`body.${cb.name}`);
      if (ex.body !== undefined && !b(ex.body)) invalid(file, ['examples', i, 'body'], `example "${ex.title}" body`, b.errors);
      const r = validators.surface(`reply.${cb.name}`);
      if (ex.reply && !r(ex.reply)) invalid(file, ['examples', i, 'reply'], `example "${ex.title}" reply`, r.errors);
    });
  }
  return out;
}
