// The collection's own tests are shown to catch breakage: a proxy breaks every successful answer
// in one way per run, and every broken answer must fail at least one assertion. The unbroken
// control run must pass entirely.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { MUTATION_KINDS, startMutatingProxy, type MutationKind } from '../helpers/mutating-proxy.js';
import { runNewman, withValues } from '../helpers/newman.js';

const read = (f: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));

/** Positive folders and workflows only (negative cases answer errors, which are not broken), with polls kept short. */
function positiveCollection() {
  const c = read(OUTPUT_FILES.collection);
  const text = JSON.stringify({ ...c, item: c.item.filter((f: { name: string }) => f.name !== 'Negative cases') });
  return JSON.parse(text.replace(/attempts=\d+; delayMs=\d+/g, 'attempts=3; delayMs=0'));
}

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ stepMs: 0 });
});
afterAll(() => em.close());

async function runThrough(kind: MutationKind | 'none', spare: ReadonlySet<string> = new Set()) {
  const proxy = await startMutatingProxy(em.url, em.model, kind, spare);
  try {
    const summary = await runNewman({ workingDir: PACKAGE_ROOT, collection: positiveCollection(), environment: withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: proxy.url, flashBaseUrl: proxy.url }) as never });
    return { summary, mutated: proxy.mutated };
  } finally {
    await proxy.close();
  }
}

describe('the collection catches broken answers', () => {
  test('control run: nothing broken, nothing fails', async () => {
    const { summary } = await runThrough('none');
    expect(summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).toEqual([]);
    expect(summary.run.stats.requests.total).toBeGreaterThan(60);
  });

  // Breaking a create answer stops its id flowing, so later calls fail before they can be broken.
  // Rounds fix that: each round spares the actions already broken, until every action has been.
  test.each(MUTATION_KINDS)('%s: every broken answer fails an assertion, for every action', async (kind) => {
    const onlyRequestId = em.model.actions.filter((a) => !a.response.fields.some((f) => f.always)).map((a) => a.name);
    // An answer holding only RequestId has no other required field to drop.
    const expected = em.model.actions.map((a) => a.name).filter((a) => kind !== 'drop-required-field' || !onlyRequestId.includes(a));
    const broken = new Set<string>();
    const missed: string[] = [];
    const messages: string[] = [];
    for (let round = 0; round < 4 && broken.size < expected.length; round++) {
      const { summary, mutated } = await runThrough(kind, new Set(broken));
      for (const ex of summary.run.executions) {
        const token = ex.request.headers.get('Postman-Token') as string | undefined;
        if (!token || !mutated.has(token)) continue;
        broken.add(mutated.get(token)!);
        if (!(ex.assertions ?? []).some((a) => a.error)) missed.push(`${ex.item.name} (${mutated.get(token)})`);
        // A body that is not an envelope is one failure and nothing else: no check passes on it.
        if (kind === 'not-an-envelope' && (ex.assertions ?? []).length !== 1) missed.push(`${ex.item.name}: ${(ex.assertions ?? []).length} assertions on a gateway page`);
        for (const a of ex.assertions ?? []) if (a.error) messages.push(`${a.assertion}: ${a.error.message}`);
      }
    }
    expect(missed).toEqual([]);
    // A failure names the field and the rule that broke, not just "schema invalid".
    const expectedMessage: Record<MutationKind, RegExp> = {
      'drop-required-field': /· response matches schema: \/\w+ is missing \[required\]/,
      'change-field-type': /· response matches schema: \/\w+ should be \w+ \[type\]/,
      'drop-request-id': /· Response is an object with RequestId: Response\.RequestId: expected undefined to be a string/,
      'success-to-error': /· no Response\.Error: Response\.Error InternalError: broken by the mutation proxy/,
      'http-500': /· HTTP 200: HTTP status .*expected 500 to equal 200/,
      'not-an-envelope': /· an API 3\.0 answer with Response: HTTP 502 \(application\/json, \d+ characters\) whose body is not JSON: "<html>/,
    };
    expect(messages.some((m) => expectedMessage[kind].test(m)), messages.slice(0, 3).join('\n')).toBe(true);
    expect([...broken].sort()).toEqual(expected.sort());
  });
});
