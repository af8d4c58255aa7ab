// IR → a native Bruno collection in OpenCollection YAML (opencollection: 1.0.0, what `bru import`
// writes by default): a map from paths inside generated/bruno/ to their content. Pure: no I/O but the
// verbatim sandbox scripts, no clock; folders and requests ordered by info.seq, in case order.
import { contractDataObject, type ContractData } from '../collection/contract-data.js';
import { fixtureWav } from '../collection/fixture-wav.js';
import { folderDescription, type RunnerWords } from '../collection/folder-descriptions.js';
import { collectionVariables, CONTRACT_DATA_DESCRIPTION } from '../collection/variables.js';
import { contractCases, NEGATIVE_FOLDER, WORKFLOW_FOLDER, type ContractCase } from '../model/cases.js';
import { optionalHeaderName } from '../model/roles.js';
import type { Model } from '../model/types.js';
import { BRUNO_VALIDATORS_FOLDER } from '../output-paths.js';
import { brunoEnvironment } from './environment.js';
import { NameSet } from './file-names.js';
import { BRUNO_AUDIO_FILE, caseFile } from './item.js';
import { brunoScript } from './scripts.js';
import { BRUNO_VALIDATORS_DIR, brunoValidators } from './validators.js';
import { brunoYaml, endBrunoRender } from './yaml.js';

export const BRUNO_FILES = {
  collection: 'opencollection.yml',
  localEnvironment: 'environments/local.yml',
  liveEnvironment: 'environments/live.yml',
  audio: BRUNO_AUDIO_FILE,
} as const;

const BRUNO_WORDS: RunnerWords = {
  runner: 'Run it in the Runner (right-click the folder → Run): each call reads the ids the calls before it stored in runtime variables',
  variables: 'runtime variables',
  fileBody: (noAudio) =>
    `The body is the file \`${BRUNO_AUDIO_FILE}\` in this collection's folder, where Bruno resolves file bodies, so it is found wherever the collection is opened; without it no audio is sent and the service answers ${noAudio}.`,
};

interface Folder {
  name: string;
  dir: string;
  path: string[];
  folders: Folder[];
  cases: ContractCase[];
  files: NameSet;
}

function folderTree(cases: ContractCase[]): Folder {
  const root: Folder = { name: '', dir: '', path: [], folders: [], cases: [], files: new NameSet() };
  // Bruno reads environments/ as the environments, never as a folder of requests; validators/ holds modules.
  root.files.claim('environments');
  root.files.claim(BRUNO_VALIDATORS_FOLDER);
  for (const c of cases) {
    let node = root;
    for (const name of c.folder) {
      let next = node.folders.find((f) => f.name === name);
      if (!next) {
        next = { name, dir: `${node.dir}${node.files.claim(name)}/`, path: [...node.path, name], folders: [], cases: [], files: new NameSet() };
        node.folders.push(next);
      }
      node = next;
    }
    node.cases.push(c);
  }
  return root;
}

const scripts = (pre: 'sign-tc3' | 'sign-flash', tests: 'contract-tests' | 'flash-tests') => [
  { type: 'before-request', code: brunoScript(pre) },
  { type: 'tests', code: brunoScript(tests) },
];

function collectionFile(model: Model, data: ContractData): Record<string, unknown> {
  const s = model.service;
  return {
    opencollection: '1.0.0',
    info: { name: `Tencent Cloud ${s.nameZh} ASR API ${s.version}`, version: s.contractVersion },
    request: {
      // secretId, secretKey and token live only in the environments: the collection is committed.
      variables: [
        ...collectionVariables(model).map((v) => ({ name: v.key, value: v.value, ...(v.description ? { description: v.description } : {}) })),
        { name: 'contractSchemas', value: JSON.stringify(data), description: CONTRACT_DATA_DESCRIPTION },
      ],
      scripts: scripts('sign-tc3', 'contract-tests'),
    },
    docs: { content: collectionDocs(model), type: 'text/markdown' },
    // The app lists every folder; validators/ holds the tests script's modules, not requests.
    extensions: { bruno: { ignore: ['node_modules', '.git', BRUNO_VALIDATORS_FOLDER] } },
  };
}

function collectionDocs(model: Model): string {
  const env = model.service.envelope;
  const token = optionalHeaderName(model, 'token');
  return [
    model.service.description.trim(),
    '',
    '### Using this collection',
    '',
    '- Pick the **local** environment to call `asr-contract mock`, or **live** and fill in `secretId` and `secretKey` (marked secret, so Bruno keeps them out of the file).',
    '- The collection-level before-request script signs every request (TC3-HMAC-SHA256) from those environment variables; the collection holds no credential.',
    ...(token ? [`- \`token\` is only for temporary (STS) keys; it is sent as \`${token}\`.`] : []),
    `- The collection-level tests script is the contract: every answer must be HTTP 200 with \`${env.response}.${env.requestId}\`, successes must`,
    `  match the action's schema, and error cases must carry the expected \`${env.response}.${env.error}.${env.code}\`.`,
    `- Folders: one per product area (a success case per action, in lifecycle order), **${WORKFLOW_FOLDER}**, and **${NEGATIVE_FOLDER}**.`,
    `- Run the product-area folders and **${WORKFLOW_FOLDER}** in the Runner: ids pass from call to call and polls repeat only there.`,
  ].join('\n');
}

/** Every case name once in the whole collection: bru.runner.setNextRequest finds a request by name. */
function uniqueNames(cases: ContractCase[]): Map<ContractCase, string> {
  const seen = new Map<string, number>();
  return new Map(
    cases.map((c) => {
      const n = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, n);
      return [c, n === 1 ? c.name : `${c.name} (${n})`];
    }),
  );
}

export function emitBruno(model: Model): Map<string, string | Buffer> {
  const cases = contractCases(model);
  const names = uniqueNames(cases);
  const data = contractDataObject(model, BRUNO_AUDIO_FILE, BRUNO_VALIDATORS_DIR);
  const files = new Map<string, string | Buffer>([[BRUNO_FILES.collection, brunoYaml(collectionFile(model, data))]]);
  const visit = (folder: Folder): void => {
    folder.folders.forEach((f, i) => {
      const flash = f.cases.some((c) => c.endpoint);
      const file = {
        info: { name: f.name, type: 'folder', seq: i + 1 },
        ...(flash ? { request: { scripts: scripts('sign-flash', 'flash-tests') } } : {}),
        docs: { content: folderDescription(model, f.path, BRUNO_WORDS), type: 'text/markdown' },
      };
      files.set(`${f.dir}folder.yml`, brunoYaml(file));
      f.files.claim('folder');
      f.cases.forEach((c, j) => files.set(`${f.dir}${f.files.claim(names.get(c)!)}.yml`, brunoYaml(caseFile(model, c, names.get(c)!, j + 1))));
      visit(f);
    });
  };
  visit(folderTree(cases));
  files.set(BRUNO_FILES.localEnvironment, brunoYaml(brunoEnvironment(model, 'local')));
  files.set(BRUNO_FILES.liveEnvironment, brunoYaml(brunoEnvironment(model, 'live')));
  files.set(BRUNO_FILES.audio, fixtureWav());
  for (const [path, text] of brunoValidators(data)) files.set(path, text);
  endBrunoRender();
  return files;
}
