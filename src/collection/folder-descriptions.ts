// What each folder of a collection says in its app. Folders that only work as a sequence (ids passed
// on, polls repeated) say so: that happens in the app's runner, not on a single Send. Each collection
// names its own runner, variables and file handling (RunnerWords); the rest is the same text.
import { areaFolder, AUTH_FOLDER, endpointTitle, NEGATIVE_FOLDER, probeTitle, WORKFLOW_FOLDER } from '../model/cases.js';
import type { Endpoint } from '../model/surface-types.js';
import type { Model } from '../model/types.js';

export interface RunnerWords {
  /** How to run a folder in the app, and where the ids live, as one clause. */
  runner: string;
  /** Where ids pass from one call to the next ("collection variables"). */
  variables: string;
  /** What to say about the audio file a flash request sends; `noAudio` is what the service then answers. */
  fileBody: (noAudio: string) => string;
}

function endpointFolder(e: Endpoint, negative: boolean, words: RunnerWords): string {
  const empty = e.codes.find((c) => c.role === 'audio-empty')?.code;
  const file = words.fileBody(`\`${e.statusField}\` ${empty ?? '(audio empty)'}`);
  const head = negative
    ? `Calls to ${e.name} that must be refused, each with the \`${e.statusField}\` in its name: signed badly on purpose, with no audio, or with a parameter missing or out of its values.`
    : `**${e.titleZh}** · ${e.summary}. Not an API 3.0 action: its own host (\`{{flashBaseUrl}}\`), the AppId in the path, and an HMAC-SHA1 signature that this folder's pre-request script computes.`;
  return `${head}\n\n${file}`;
}

export function folderDescription(model: Model, path: string[], words: RunnerWords): string {
  const [top, sub] = path as [string, string?];
  const area = (name: string | undefined) => model.areas.find((a) => areaFolder(model, a.id) === name);
  const endpoint = (name: string | undefined) => model.endpoints.find((e) => endpointTitle(e) === name);
  if (sub === undefined) {
    if (top === WORKFLOW_FOLDER) return `Lifecycles that pass ids from one call to the next through ${words.variables}. ${words.runner}, and polls repeat a request until the answer changes; a single Send runs one step.`;
    if (top === NEGATIVE_FOLDER) return 'Calls that must be refused, each with the exact error code in its name. Leave this folder out to run only the positive cases.';
    const a = area(top);
    if (a) return `${a.description}\n\nOne request per action, in lifecycle order (create first, delete last). ${words.runner}; a single Send uses the ids last stored.`;
    const e = endpoint(top);
    if (e) return endpointFolder(e, false, words);
  } else if (top === WORKFLOW_FOLDER) {
    const wf = model.workflows.find((w) => w.title === sub);
    if (wf) {
      const polls = wf.steps.some((step) => step.poll) ? ', and a polling step repeats until its answer changes. A single Send runs one step, and a poll then records that polling continues in the Runner' : '. A single Send runs one step';
      return `${wf.description.trim()}\n\n${words.runner}${polls}.`;
    }
  } else if (top === NEGATIVE_FOLDER) {
    if (sub === AUTH_FOLDER) return `A call ${probeTitle('wrong-key')}, one ${probeTitle('stale-timestamp')}, and an action that does not exist, each refused with the code in its name. The disabled header \`X-Contract-Sign\` (never sent) makes the signing script sign badly on purpose, in a way the contract proxy recognises as the suite's own probe.`;
    const a = area(sub);
    if (a) return `Calls to the ${a.name.toLowerCase()} actions that each break one rule (a missing parameter, a wrong type, a value out of range, a cross-field rule) and must be refused with the code in their name.`;
    const e = endpoint(sub);
    if (e) return endpointFolder(e, true, words);
  }
  throw new Error(`no description for the folder ${path.join(' / ')}`);
}
