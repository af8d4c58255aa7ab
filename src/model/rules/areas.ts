// Every product area should hold at least one action, or the collection gets an empty folder.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import type { Sources } from '../build.js';
import type { Model } from '../types.js';

export function checkAreas(model: Model, sources: Sources): Diagnostic[] {
  const used = new Set(model.actions.map((a) => a.area));
  return model.areas.flatMap((area, i) =>
    used.has(area.id) || !sources.service
      ? []
      : [diagnosticAt(sources.service, ['areas', i, 'id'], 'empty-area', `area \`${area.id}\` has no actions in specs/actions/${area.id}/`, { severity: 'warning' })],
  );
}
