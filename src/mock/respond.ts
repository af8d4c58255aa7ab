// The Tencent envelope, success or failure, always with a fresh request id. Member names come from
// specs/service.yaml, messages from specs/errors.yaml in the language the caller asked for.
import { randomUUID } from 'node:crypto';
import type { Model } from '../model/types.js';
import { ApiError } from './errors.js';

export type Language = 'zh-CN' | 'en-US';

export function languageOf(value: unknown): Language {
  return typeof value === 'string' && value.toLowerCase() === 'en-us' ? 'en-US' : 'zh-CN';
}

export function successEnvelope(model: Model, fields: Record<string, unknown>): Record<string, unknown> {
  const e = model.service.envelope;
  return { [e.response]: { ...fields, [e.requestId]: randomUUID() } };
}

export function errorMessage(model: Model, error: ApiError, lang: Language, context: { action?: string } = {}): string {
  const entry = model.errors.find((e) => e.code === error.code);
  const template = entry?.message[lang] ?? error.code;
  const text = template
    .replaceAll('{param}', error.param ?? '')
    .replaceAll('{action}', error.param ?? context.action ?? '')
    .replaceAll('{version}', error.param ?? '');
  return error.detail ? `${text}\n${error.detail}` : text;
}

export function errorEnvelope(model: Model, error: ApiError, lang: Language): Record<string, unknown> {
  const e = model.service.envelope;
  return { [e.response]: { [e.error]: { [e.code]: error.code, [e.message]: errorMessage(model, error, lang) }, [e.requestId]: randomUUID() } };
}
