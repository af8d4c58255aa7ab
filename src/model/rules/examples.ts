// Examples are documentation, mock answers and test inputs at once, so they must obey their own schemas.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import { createAjv, describeAjvError } from '../ajv.js';
import type { Sources } from '../build.js';
import { actionSchemas } from '../schema.js';
import type { Model } from '../types.js';

export function checkExamples(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ajv = createAjv();
  for (const action of model.actions) {
    const file = sources.actions.get(action.name)!;
    const schemas = actionSchemas(model, action, { dialect: '2020-12', annotations: false });
    const validators = { request: ajv.compile(schemas.request), response: ajv.compile(schemas.response) };
    action.examples.forEach((example, i) => {
      for (const side of ['request', 'response'] as const) {
        const validate = validators[side];
        if (validate(example[side])) continue;
        for (const e of validate.errors ?? []) {
          if (e.keyword === 'if') continue; // the `then` branch error says what is missing
          const sub = e.instancePath.split('/').slice(1);
          out.push(diagnosticAt(file, ['examples', i, side, ...sub], 'example-invalid', `example "${example.title}" ${side}: ${describeAjvError(e)}`));
        }
      }
    });
  }
  return out;
}
