// Workflow steps must call real actions with real parameters, capture real response fields,
// and use only variables an earlier step captured.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import { suggest } from '../../spec/suggest.js';
import type { Sources } from '../build.js';
import { responseField } from '../response-path.js';
import type { Model } from '../types.js';

const VARIABLE = /\{\{([^{}]+)\}\}/g;

function variablesIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') for (const m of value.matchAll(VARIABLE)) out.push(m[1]!);
  else if (Array.isArray(value)) value.forEach((v) => variablesIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => variablesIn(v, out));
  return out;
}

export function checkWorkflows(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const actions = new Map(model.actions.map((a) => [a.name, a]));
  const codes = new Set(model.errors.map((e) => e.code));
  for (const wf of model.workflows) {
    const file = sources.workflows.get(wf.name)!;
    const captured = new Set<string>();
    wf.steps.forEach((step, i) => {
      const at = ['steps', i];
      const action = actions.get(step.action);
      if (!action) {
        const close = suggest(step.action, [...actions.keys()]);
        out.push(diagnosticAt(file, [...at, 'action'], 'workflow-ref', `unknown action \`${step.action}\``, close ? { hint: `did you mean \`${close}\`?` } : {}));
        return;
      }
      const params = new Set(action.request.fields.map((f) => f.name));
      for (const name of Object.keys(step.params)) {
        if (!params.has(name)) out.push(diagnosticAt(file, [...at, 'params', name], 'workflow-ref', `\`${name}\` is not a parameter of ${action.name}`, { atKey: true }));
      }
      for (const v of variablesIn(step.params)) {
        if (!v.startsWith('$') && !captured.has(v)) out.push(diagnosticAt(file, [...at, 'params'], 'workflow-ref', `variable \`{{${v}}}\` is not captured by an earlier step`));
      }
      if (step.expect !== 'success' && !codes.has(step.expect.error)) out.push(diagnosticAt(file, [...at, 'expect', 'error'], 'unknown-error-code', `error code \`${step.expect.error}\` is not in specs/errors.yaml`));
      for (const [name, path] of Object.entries(step.capture)) {
        if (!responseField(model, action.response, path.split('.'))) out.push(diagnosticAt(file, [...at, 'capture', name], 'workflow-ref', `\`${path}\` is not a response field of ${action.name}`));
        captured.add(name);
      }
      if (step.poll && !responseField(model, action.response, step.poll.path.split('.'))) {
        out.push(diagnosticAt(file, [...at, 'poll', 'path'], 'workflow-ref', `\`${step.poll.path}\` is not a response field of ${action.name}`));
      }
    });
  }
  return out;
}
