// The Tencent envelope, success or failure, always with a fresh request id. Member names come from
// specs/service.yaml, messages from specs/errors.yaml in the language the caller asked for.
import { randomUUID } from 'node:crypto';
import type { Model } from '../model/types.js';
import { ApiError, type RuleText } from './errors.js';

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
  const rule = error.rule ? ruleText(model, error.rule, lang) : '';
  const full = rule ? `${text}${lang === 'en-US' ? ' ' : ''}${rule}` : text;
  return error.detail ? `${full}\n${error.detail}` : full;
}

/** The rule's sentence from specs/emulator.yaml `messages`, its `{placeholders}` filled in. */
export function ruleText(model: Model, rule: RuleText, lang: Language): string {
  const template = rule.text?.[lang] ?? model.emulator.messages[rule.kind]?.[lang];
  if (!template) return '';
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => (rule.args[name] !== undefined ? String(rule.args[name]) : whole));
}

export function errorEnvelope(model: Model, error: ApiError, lang: Language): Record<string, unknown> {
  const e = model.service.envelope;
  return { [e.response]: { [e.error]: { [e.code]: error.code, [e.message]: errorMessage(model, error, lang) }, [e.requestId]: randomUUID() } };
}
