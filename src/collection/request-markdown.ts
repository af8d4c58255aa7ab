// Markdown descriptions of requests: what a collection app's documentation pane shows.
import type { Action, Field, Model, TypeRef } from '../model/types.js';

export function typeLabel(t: TypeRef, format?: string): string {
  if (t.kind === 'array') return `${typeLabel(t.items, format)}[]`;
  if (t.kind === 'named') return t.name;
  return format ? `${t.scalar} (${format})` : t.scalar;
}

const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

function constraintText(f: Field): string {
  const c = f.constraints;
  const parts: string[] = [];
  if (c.enum) parts.push(`one of ${c.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (c.minimum !== undefined) parts.push(`≥ ${c.minimum}`);
  if (c.maximum !== undefined) parts.push(`≤ ${c.maximum}`);
  if (c.minLength !== undefined) parts.push(`length ≥ ${c.minLength}`);
  if (c.maxLength !== undefined) parts.push(`length ≤ ${c.maxLength}`);
  if (c.maxItems !== undefined) parts.push(`at most ${c.maxItems} items`);
  if (c.maxBytes !== undefined) parts.push(`at most ${c.maxBytes} bytes decoded`);
  if (f.default !== undefined) parts.push(`default \`${String(f.default)}\``);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function table(fields: Field[], flag: (f: Field) => string, flagTitle: string): string[] {
  if (fields.length === 0) return ['_None._'];
  return [
    `| Name | Type | ${flagTitle} | Description |`,
    '|---|---|---|---|',
    ...fields.map(
      (f) =>
        `| \`${f.name}\` | ${typeLabel(f.type, f.format)} | ${flag(f)} | ${f.deprecated ? '**Deprecated.** ' : ''}${cell(f.description)}${cell(constraintText(f))} |`,
    ),
  ];
}

export function requestMarkdown(model: Model, action: Action): string {
  const env = model.service.envelope;
  const lines = [
    `**${action.titleZh}** · ${action.summary}`,
    '',
    action.description.trim(),
    '',
    '### Request parameters',
    '',
    ...table(action.request.fields, (f) => (f.required ? 'yes' : 'no'), 'Required'),
  ];
  if (action.request.rules.length > 0) lines.push('', '### Rules', '', ...action.request.rules.map((r) => `- ${r.description}`));
  lines.push(
    '',
    '### Response fields',
    '',
    `Inside \`${env.response}\`, beside \`${env.requestId}\`. Errors arrive as HTTP 200 with \`${env.response}.${env.error}\`.`,
    '',
    ...table(action.response.fields, (f) => (f.always ? 'yes' : 'no') + (f.nullable ? ', may be null' : ''), 'Always present'),
  );
  if (action.errors.length > 0) {
    lines.push('', '### Action-specific errors', '', ...action.errors.map((c) => `- \`${c}\`: ${model.errors.find((e) => e.code === c)!.description}`));
  }
  return lines.join('\n');
}
