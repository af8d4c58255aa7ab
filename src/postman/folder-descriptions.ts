// What each folder of the collection says in the Postman app. Folders that only work as a sequence
// (ids passed on, polls repeated) say so: that happens in the Collection Runner, not on a single Send.
import { areaFolder, AUTH_FOLDER, endpointTitle, NEGATIVE_FOLDER, WORKFLOW_FOLDER } from '../model/cases.js';
import type { Endpoint } from '../model/surface-types.js';
import type { Model } from '../model/types.js';
import { OUTPUT_FILES } from '../output-paths.js';

const RUNNER = 'Run it in the Collection Runner (⋯ → Run folder): each call reads the ids the calls before it stored in collection variables';

function endpointFolder(e: Endpoint, negative: boolean): string {
  const empty = e.codes.find((c) => c.role === 'audio-empty')?.code;
  const file = [
    `The body is the file \`${OUTPUT_FILES.flashAudio}\`, and Postman reads file bodies relative to its working directory.`,
    `In the app, set **Settings → General → Working directory** to a checkout of this project (and allow reading files there if asked);`,
    `otherwise no audio is sent and the service answers \`${e.statusField}\` ${empty ?? '(audio empty)'}. newman, run from the project root, finds the file.`,
  ].join(' ');
  const head = negative
    ? `Calls to ${e.name} that must be refused, each with the \`${e.statusField}\` in its name: signed badly on purpose, with no audio, or with a parameter missing or out of its values.`
    : `**${e.titleZh}** · ${e.summary}. Not an API 3.0 action: its own host (\`{{flashBaseUrl}}\`), the AppId in the path, and an HMAC-SHA1 signature that this folder's pre-request script computes.`;
  return `${head}\n\n${file}`;
}

export function folderDescription(model: Model, path: string[]): string {
  const [top, sub] = path as [string, string?];
  const area = (name: string | undefined) => model.areas.find((a) => areaFolder(model, a.id) === name);
  const endpoint = (name: string | undefined) => model.endpoints.find((e) => endpointTitle(e) === name);
  if (sub === undefined) {
    if (top === WORKFLOW_FOLDER) return `Lifecycles that pass ids from one call to the next through collection variables. ${RUNNER}, and polls repeat a request until the answer changes; a single Send runs one step.`;
    if (top === NEGATIVE_FOLDER) return 'Calls that must be refused, each with the exact error code in its name. Leave this folder out to run only the positive cases.';
    const a = area(top);
    if (a) return `${a.description}\n\nOne request per action, in lifecycle order (create first, delete last). ${RUNNER}; a single Send uses the ids last stored.`;
    const e = endpoint(top);
    if (e) return endpointFolder(e, false);
  } else if (top === WORKFLOW_FOLDER) {
    const wf = model.workflows.find((w) => w.title === sub);
    if (wf) {
      const polls = wf.steps.some((step) => step.poll) ? ', and a polling step repeats until its answer changes. A single Send runs one step, and a poll then records that polling continues in the Runner' : '. A single Send runs one step';
      return `${wf.description.trim()}\n\n${RUNNER}${polls}.`;
    }
  } else if (top === NEGATIVE_FOLDER) {
    if (sub === AUTH_FOLDER) return 'A call signed with a wrong key, one signed an hour ago, and an action that does not exist, each refused with the code in its name. The disabled header `X-Contract-Sign` (never sent) makes the signing script sign badly on purpose.';
    const a = area(sub);
    if (a) return `Calls to the ${a.name.toLowerCase()} actions that each break one rule (a missing parameter, a wrong type, a value out of range, a cross-field rule) and must be refused with the code in their name.`;
    const e = endpoint(sub);
    if (e) return endpointFolder(e, true);
  }
  throw new Error(`no description for the folder ${path.join(' / ')}`);
}
