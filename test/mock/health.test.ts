// GET /_emulator/health and /_emulator/clock: the emulator's own paths must never shadow a path of the service.
import { describe, expect, test } from 'vitest';
import { CLOCK_PATH } from '../../src/mock/clock-endpoint.js';
import { HEALTH_PATH } from '../../src/mock/health.js';
import { pathMatcher } from '../../src/mock/surfaces/path-template.js';
import { projectModel, startTestEmulator } from '../helpers/emulator.js';

describe('the emulator health endpoint', () => {
  const model = projectModel();
  test.each([...model.endpoints.map((e) => [e.name, e.path] as const), ...model.channels.map((c) => [c.name, c.path] as const)])('%s (%s) matches neither it nor the clock', (_name, path) => {
    for (const own of [HEALTH_PATH, CLOCK_PATH]) {
      expect(pathMatcher(path)(own)).toBeFalsy();
      expect(own).not.toBe('/');
    }
  });

  test('answers 200 JSON to GET and HEAD, 405 to anything else, and API 3.0 still answers at /', async () => {
    const em = await startTestEmulator();
    try {
      const get = await fetch(`${em.url}${HEALTH_PATH}`);
      expect(get.status).toBe(200);
      expect(get.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await get.json()).toMatchObject({ status: 'running', secretIds: [model.service.local.secretId], appId: model.service.local.appId });
      expect((await fetch(`${em.url}${HEALTH_PATH}`, { method: 'HEAD' })).status).toBe(200);
      const post = await fetch(`${em.url}${HEALTH_PATH}`, { method: 'POST', body: '{}' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      const api = await fetch(`${em.url}/`, { method: 'POST', body: '{}' });
      expect(((await api.json()) as { Response: { RequestId?: string } }).Response.RequestId).toEqual(expect.any(String));
    } finally {
      await em.close();
    }
  });
});
