// IR → Postman Collection v2.1, built with the postman-collection SDK. Pure: no I/O, no clock.
import sdk from 'postman-collection';
import type { Model } from '../model/types.js';
import { stableId } from './ids.js';
import { actionItem } from './item.js';
import { scriptLines } from './scripts.js';

export const COLLECTION_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export function emitCollection(model: Model): Record<string, unknown> {
  const s = model.service;
  const folders = model.areas
    .map((area) => ({
      id: stableId('folder', area.id),
      name: `${area.name} · ${area.nameZh}`,
      description: area.description,
      item: model.actions.filter((a) => a.area === area.id).map((a) => actionItem(model, a)),
    }))
    .filter((f) => f.item.length > 0);

  const collection = new sdk.Collection({
    info: {
      _postman_id: stableId('collection', s.service, s.version),
      name: `Tencent Cloud ${s.nameZh} ASR API ${s.version}`,
      description: { content: collectionDescription(model), type: 'text/markdown' },
      schema: COLLECTION_SCHEMA,
    } as never,
    item: folders as never,
    event: [
      {
        listen: 'prerequest',
        script: { id: stableId('script', 'sign-tc3'), type: 'text/javascript', exec: scriptLines('sign-tc3') },
      },
    ] as never,
    variable: [
      { key: 'baseUrl', value: `https://${s.endpoints[0]!.host}`, type: 'string' },
      { key: 'secretId', value: '', type: 'string' },
      { key: 'secretKey', value: '', type: 'string' },
      { key: 'region', value: s.defaultRegion, type: 'string' },
      { key: 'token', value: '', type: 'string' },
      { key: 'appId', value: '', type: 'string' },
    ] as never,
  });
  return normalise(collection.toJSON() as Record<string, unknown>);
}

function collectionDescription(model: Model): string {
  return [
    model.service.description.trim(),
    '',
    '### Using this collection',
    '',
    '- Pick the **local** environment to call `asr-contract mock`, or **live** and fill in `secretId` and `secretKey`.',
    '- The collection-level pre-request script signs every request (TC3-HMAC-SHA256) from those variables; no key is stored here.',
    '- `token` is only for temporary (STS) keys; it is sent as `X-TC-Token`.',
  ].join('\n');
}

// The SDK serialises URLs as bare objects and puts `info` last. Give them the shape the Postman app
// itself exports (`url.raw`, info first), which also keeps the file readable in review.
function normalise(json: Record<string, unknown>): Record<string, unknown> {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === 'url' && typeof v === 'object' && v !== null ? urlObject(v as Record<string, unknown>) : visit(v);
    }
    return out;
  };
  const { info, ...rest } = visit(json) as Record<string, unknown>;
  return { info, ...rest };
}

function urlObject(url: Record<string, unknown>): Record<string, unknown> {
  const raw = new sdk.Url(url as never).toString();
  const out: Record<string, unknown> = { raw };
  for (const key of ['protocol', 'host', 'port', 'path', 'query', 'variable'] as const) {
    const v = url[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out;
}
