// The names an action's emulator expressions can read: some always, the others once an earlier step
// has defined them. The spec checks (rules/emulator-refs.ts) and docs/spec-format.md read these.
import type { Step } from './emulator-types.js';

export const ALWAYS_IN_SCOPE: Readonly<Record<string, string>> = {
  params: 'the request parameters, by name (`params.EngineModelType`)',
  now: "the emulator's clock when the call arrived, in milliseconds since 1970",
  item: 'inside `each`: the current member of the list',
  index: 'inside `each`: the position of `item`, from 0',
  audio: 'the audio the emulator read from each request field that has audio rules, by field: `audio.Data` has `container`, `durationMs`, `sampleRate`, `channels`, `silent` and a `fingerprint`',
};

/** What each kind of step defines for the steps and bindings after it; `set` defines the names it sets. */
export const STEP_DEFINES: Readonly<Partial<Record<Step['op'], Readonly<Record<string, string>>>>> = {
  create: { record: 'the record just created, id and timestamps included' },
  find: { record: 'the record found' },
  query: { records: 'the records selected, after paging', total: 'how many matched before paging' },
  recognize: { rec: 'the recognition result: `lang`, `text`, `durationMs`, `durationSec`, `wordCount`, `words` and `sentences` (each with `text`, `startMs`, `endMs`, `words`, `speakerId` …)' },
  compare: { similarity: 'how alike the two audio values are: `score` (0 to 100), `text` (the score as a decimal string) and `pass`' },
  rank: { matches: 'the selected records, most similar first: each `record` with its `score`, `text` and `pass`' },
  usage: { usage: 'one entry per business name: `biz`, and the `count` and `seconds` metered between `from` and `to`' },
};
