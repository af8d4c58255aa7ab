// Redocly's renderer shows an operation's x-codeSamples only for the languages its configuration
// lists, matched by label, and by default lists none of C++, .NET, tccli or the speech SDKs. The
// docs build therefore passes a configuration that lists every form the samples use, in the order
// the OpenAPI document gives them. Pure: returns the configuration text.
import { stringify } from 'yaml';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { CodeSample } from '../samples/types.js';

export function codeSampleLanguages(doc: OpenAPIV3_1.Document): { lang: string; label: string }[] {
  const seen = new Map<string, { lang: string; label: string }>();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, { 'x-codeSamples'?: CodeSample[] }>)) {
      for (const s of (op && typeof op === 'object' && op['x-codeSamples']) || []) if (!seen.has(s.label)) seen.set(s.label, { lang: s.lang, label: s.label });
    }
  }
  return [...seen.values()];
}

/** A redocly.yaml for `build-docs` that lets every sample form through. */
export function docsRedoclyConfig(doc: OpenAPIV3_1.Document): string {
  return stringify({ openapi: { codeSamples: { languages: codeSampleLanguages(doc) } } });
}
