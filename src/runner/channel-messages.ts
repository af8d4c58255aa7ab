// Which of a channel's messages a WebSocket text frame is, by the AsyncAPI document's payload
// schemas: the contract run's WebSocket cases and the contract proxy classify frames the same way.
// A frame is one message only if it fits the schema and carries no field that message does not
// declare: an ack's few fields fit every message, so a broken result must not pass as an ack.
import { describeAjvError } from '../model/ajv.js';
import type { Channel, ChannelMessage } from '../model/surface-types.js';
import type { Finding } from './answer-checks.js';
import type { DocumentValidators } from './verify.js';

export type MessageMatch = { name: string; findings: [] } | { name?: undefined; findings: Finding[] };

export function matchChannelMessage(channel: Channel, asyncapi: DocumentValidators, direction: 'send' | 'receive', value: unknown): MessageMatch {
  const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const undeclared = (m: ChannelMessage): string[] => keys.filter((k) => !m.payload!.fields.some((f) => f.name === k));
  // The most specific message first: the one with the most fields always present.
  const candidates = channel.messages
    .filter((m) => m.direction === direction && m.payload && !m.binary)
    .sort((a, b) => b.payload!.fields.filter((f) => f.always).length - a.payload!.fields.filter((f) => f.always).length);
  let closest: { findings: Finding[]; score: number } | undefined;
  for (const m of candidates) {
    const validate = asyncapi.pointer(`/components/messages/${channel.name}.${m.name}/payload`);
    if (!validate) continue;
    const extra = undeclared(m);
    const valid = validate(value);
    if (valid && extra.length === 0) {
      const code = keys.includes('code') ? (value as Record<string, unknown>).code : undefined;
      if (typeof code === 'number' && direction === 'receive' && !channel.codes.some((c) => c.code === code)) {
        return { findings: [{ pointer: '/code', rule: `${code} is not a code the contract declares for ${channel.name} [declared-codes]` }] };
      }
      return { name: m.name, findings: [] };
    }
    const findings = [
      ...extra.map((k) => ({ pointer: `/${k}`, rule: `as ${m.name}: /${k} is not a declared field [additionalProperties]` })),
      ...(valid ? [] : (validate.errors ?? [])).map((e) => ({
        pointer: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath,
        rule: `as ${m.name}: ${describeAjvError(e)} [${e.keyword}]`,
      })),
    ];
    // Closest: the fewest undeclared fields, then the fewest schema errors.
    const score = extra.length * 1000 + findings.length;
    if (!closest || score < closest.score) closest = { findings, score };
  }
  return { findings: closest?.findings ?? [{ pointer: '', rule: `${channel.name} declares no ${direction === 'send' ? 'client' : 'server'} text message [message]` }] };
}
