import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';

const text = readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.asyncapi), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const doc = parse(text) as any;

describe('generated AsyncAPI document', () => {
  test('parses with @asyncapi/parser without errors or warnings', async () => {
    const { document, diagnostics } = await new Parser().parse(text);
    // Severity 0 is an error, 1 a warning; informational hints (such as "3.1.0 exists") are fine.
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document?.channels().all().map((c) => c.id())).toEqual(['realtime', 'virtual-number']);
  });

  test('describes both channels at the real paths, with the signed URL parameters as the ws query binding', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.servers.asr).toMatchObject({ host: 'asr.cloud.tencent.com', protocol: 'wss' });
    expect(doc.channels.realtime.address).toBe('/asr/v2/{appId}');
    expect(doc.channels['virtual-number'].address).toBe('/asr/virtual_number/v1/{appId}');
    const query = doc.channels.realtime.bindings.ws.query;
    expect(query.required).toEqual(expect.arrayContaining(['secretid', 'timestamp', 'expired', 'nonce', 'engine_model_type', 'voice_id', 'signature']));
    expect(doc.components.securitySchemes.signedUrl).toMatchObject({ type: 'httpApiKey', in: 'query', name: 'signature' });
  });

  test('has the binary audio frames, the end message and every server message', () => {
    const m = doc.components.messages;
    expect(m['realtime.audio']).toMatchObject({ contentType: 'application/octet-stream' });
    expect(m['realtime.end'].payload.properties.type.enum).toEqual(['end']);
    for (const name of ['ack', 'result', 'sentenceResult', 'final', 'error']) expect(m[`realtime.${name}`].payload.type, name).toBe('object');
    expect(m['realtime.result'].payload.properties.result.$ref).toBe('#/components/schemas/RealtimeResult');
    expect(m['realtime.sentenceResult'].payload.properties.sentences.$ref).toBe('#/components/schemas/RealtimeSentences');
    expect(doc.operations['realtime.send'].messages).toEqual([{ $ref: '#/channels/realtime/messages/audio' }, { $ref: '#/channels/realtime/messages/end' }]);
    expect(doc.operations['virtual-number.receive'].messages).toContainEqual({ $ref: '#/channels/virtual-number/messages/result' });
  });
});
