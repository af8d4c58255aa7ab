// IR → Postman Collection v2.1, built with the postman-collection SDK. Pure: no I/O, no clock.
import sdk from 'postman-collection';
import { contractCases, NEGATIVE_FOLDER, WORKFLOW_FOLDER, type ContractCase } from '../model/cases.js';
import { collectionVariables, CONTRACT_DATA_DESCRIPTION } from '../collection/variables.js';
import { optionalHeaderName } from '../model/roles.js';
import { contractData } from '../collection/contract-data.js';
import type { Model } from '../model/types.js';
import { OUTPUT_FILES } from '../output-paths.js';
import { folderDescription, type RunnerWords } from '../collection/folder-descriptions.js';
import { stableId } from './ids.js';
import { caseItem } from './item.js';
import { scriptLines } from './scripts.js';

export const COLLECTION_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

interface Folder {
  id: string;
  name: string;
  description: { content: string; type: 'text/markdown' };
  item: (Folder | ReturnType<typeof caseItem>)[];
  event?: unknown[];
}

const POSTMAN_WORDS: RunnerWords = {
  runner: 'Run it in the Collection Runner (⋯ → Run folder): each call reads the ids the calls before it stored in collection variables',
  variables: 'collection variables',
  fileBody: (noAudio) =>
    [
      `The body is the file \`${OUTPUT_FILES.flashAudio}\`, and Postman reads file bodies relative to its working directory.`,
      `In the app, set **Settings → General → Working directory** to a checkout of this project (and allow reading files there if asked);`,
      `otherwise no audio is sent and the service answers ${noAudio}. newman, run from the project root, finds the file.`,
    ].join(' '),
};

/** Flash-style endpoints sign and test themselves with folder-level scripts. */
function endpointEvents(folderPath: string[]): unknown[] {
  return [
    { listen: 'prerequest', script: { id: stableId('script', 'sign-flash', ...folderPath), type: 'text/javascript', exec: scriptLines('sign-flash') } },
    { listen: 'test', script: { id: stableId('script', 'flash-tests', ...folderPath), type: 'text/javascript', exec: scriptLines('flash-tests') } },
  ];
}

/** Cases into nested folders, in the order the cases come. */
function folderTree(model: Model, cases: ContractCase[]): Folder[] {
  const root: Folder = { id: 'root', name: '', description: { content: '', type: 'text/markdown' }, item: [] };
  for (const c of cases) {
    let node = root;
    const path: string[] = [];
    for (const name of c.folder) {
      path.push(name);
      let next = node.item.find((x): x is Folder => 'item' in x && x.name === name);
      if (!next) {
        next = { id: stableId('folder', ...path), name, description: { content: folderDescription(model, path, POSTMAN_WORDS), type: 'text/markdown' }, item: [] };
        node.item.push(next);
      }
      node = next;
    }
    node.item.push(caseItem(model, c));
    if (c.endpoint && !node.event) node.event = endpointEvents(path);
  }
  return root.item as Folder[];
}

export function emitCollection(model: Model): Record<string, unknown> {
  const s = model.service;
  const collection = new sdk.Collection({
    info: {
      _postman_id: stableId('collection', s.service, s.version),
      name: `Tencent Cloud ${s.nameZh} ASR API ${s.version}`,
      description: { content: collectionDescription(model), type: 'text/markdown' },
      schema: COLLECTION_SCHEMA,
    } as never,
    event: [
      { listen: 'prerequest', script: { id: stableId('script', 'sign-tc3'), type: 'text/javascript', exec: scriptLines('sign-tc3') } },
      { listen: 'test', script: { id: stableId('script', 'contract-tests'), type: 'text/javascript', exec: scriptLines('contract-tests') } },
    ] as never,
    variable: [
      // secretId, secretKey and token live only in the environments: a collection variable syncs
      // to the workspace and into every export, so a key typed there would leak.
      ...collectionVariables(model).map((v) => ({ key: v.key, value: v.value, type: 'string', ...(v.description ? { description: v.description } : {}) })),
      { key: 'contractSchemas', value: contractData(model, OUTPUT_FILES.flashAudio), type: 'string', description: CONTRACT_DATA_DESCRIPTION },
    ] as never,
  });
  const { info, item: _none, ...rest } = normalise(collection.toJSON() as Record<string, unknown>);
  const item = folderTree(model, contractCases(model)).map(folderJson);
  previousFolders = currentFolders;
  currentFolders = new Map();
  // The version is added after the SDK, which would expand it into an object of semver parts; v2.1 takes the plain string.
  return { info: { ...(info as Record<string, unknown>), version: s.contractVersion }, item, ...rest };
}

// Two renders' worth: what the last render used, and what this one has used so far.
let currentFolders = new Map<string, unknown>();
let previousFolders = new Map<string, unknown>();

/**
 * A top-level folder through the SDK, kept by its definition until a render no longer uses it:
 * building SDK objects was most of a collection's render, and under `build --watch` an edit
 * changes one or two folders. Kept folders are frozen, since every render shares them.
 */
function folderJson(folder: Folder): unknown {
  const id = JSON.stringify(folder);
  let json = currentFolders.get(id) ?? previousFolders.get(id);
  json ??= deepFreeze(visitJson(new sdk.ItemGroup(folder as never).toJSON()));
  currentFolders.set(id, json);
  return json;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function collectionDescription(model: Model): string {
  const env = model.service.envelope;
  return [
    model.service.description.trim(),
    '',
    '### Using this collection',
    '',
    '- Pick the **local** environment to call `asr-contract mock`, or **live** and fill in `secretId` and `secretKey`.',
    '- The collection-level pre-request script signs every request (TC3-HMAC-SHA256) from those environment variables. The collection',
    '  holds no credential variables, so no key syncs into the workspace or an export.',
    ...(optionalHeaderName(model, 'token') ? [`- \`token\` is only for temporary (STS) keys; it is sent as \`${optionalHeaderName(model, 'token')}\`.`] : []),
    `- The collection-level test script is the contract: every answer must be HTTP 200 with \`${env.response}.${env.requestId}\`, successes must`,
    `  match the action's schema, and error cases must carry the expected \`${env.response}.${env.error}.${env.code}\`.`,
    `- Folders: one per product area (a success case per action, in lifecycle order), **${WORKFLOW_FOLDER}**, and **${NEGATIVE_FOLDER}**.`,
    `- Run the product-area folders and **${WORKFLOW_FOLDER}** in the Collection Runner: ids pass from call to call and polls repeat only there.`,
  ].join('\n');
}

// The SDK serialises URLs as bare objects and puts `info` last. Give them the shape the Postman app
// itself exports (`url.raw`, info first), which also keeps the file readable in review.
function visitJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(visitJson);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    // The SDK files `_postman_previewlanguage` and the like under `_`; the app reads them flat.
    if (k === '_' && typeof v === 'object' && v !== null) for (const [name, x] of Object.entries(v)) out[`_${name}`] = x;
    else out[k] = k === 'url' && typeof v === 'object' && v !== null ? urlObject(v as Record<string, unknown>) : visitJson(v);
  }
  return out;
}

function normalise(json: Record<string, unknown>): Record<string, unknown> {
  // At the root, `_` only repeats info._postman_id.
  const { info, _postman_id: _copy, ...rest } = visitJson(json) as Record<string, unknown>;
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
