// Examples are documentation, mock answers and test inputs at once, so they must obey their own schemas.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import { describeAjvError } from '../ajv.js';
import type { Sources } from '../build.js';
import type { Model } from '../types.js';
import { ModelValidators } from '../validators.js';

export function checkExamples(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const validators = ModelValidators.for(model);
  for (const action of model.actions) {
    const file = sources.actions.get(action.name)!;
    const sides = { request: validators.request(action), response: validators.response(action) };
    action.examples.forEach((example, i) => {
      for (const side of ['request', 'response'] as const) {
        const validate = sides[side];
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
