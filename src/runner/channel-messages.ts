// Which of a channel's messages a WebSocket text frame is, by the AsyncAPI document's payload
// schemas: the contract run's WebSocket cases and the contract proxy classify frames the same way.
import { describeAjvError } from '../model/ajv.js';
import type { Channel } from '../model/surface-types.js';
import type { Finding } from './answer-checks.js';
import type { DocumentValidators } from './verify.js';

export type MessageMatch = { name: string; findings: [] } | { name?: undefined; findings: Finding[] };

export function matchChannelMessage(channel: Channel, asyncapi: DocumentValidators, direction: 'send' | 'receive', value: unknown): MessageMatch {
  // The most specific message that fits: an ack's few fields fit every message.
  const candidates = channel.messages
    .filter((m) => m.direction === direction && m.payload && !m.binary)
    .sort((a, b) => b.payload!.fields.filter((f) => f.always).length - a.payload!.fields.filter((f) => f.always).length);
  let closest: { name: string; findings: Finding[] } | undefined;
  for (const m of candidates) {
    const validate = asyncapi.pointer(`/components/messages/${channel.name}.${m.name}/payload`);
    if (!validate) continue;
    if (validate(value)) {
      const code = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).code : undefined;
      if (typeof code === 'number' && direction === 'receive' && !channel.codes.some((c) => c.code === code)) {
        return { findings: [{ pointer: '/code', rule: `${code} is not a code the contract declares for ${channel.name} [declared-codes]` }] };
      }
      return { name: m.name, findings: [] };
    }
    const findings = (validate.errors ?? []).map((e) => ({
      pointer: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath,
      rule: `as ${m.name}: ${describeAjvError(e)} [${e.keyword}]`,
    }));
    if (!closest || findings.length < closest.findings.length) closest = { name: m.name, findings };
  }
  return { findings: closest?.findings ?? [{ pointer: '', rule: `${channel.name} declares no ${direction === 'send' ? 'client' : 'server'} text message [message]` }] };
}
