// GET /_emulator/health: how scripts know the emulator is ready (in the spirit of LocalStack's
// /_localstack/health). Like the clock (clock-endpoint.ts), it lives under `/_emulator/`, a prefix
// that cannot clash with the service's paths, which the model lists (a test holds that). It names
// the SecretIds it accepts, never a key.
import type { Model } from '../model/types.js';
import type { EmulatorOptions } from './options.js';
import type { Received } from './traffic.js';

export const HEALTH_PATH = '/_emulator/health';

export interface Health {
  status: 'running';
  service: string;
  apiVersion: string;
  /** Paths served, by surface. */
  surfaces: { api3: string; endpoints: Record<string, string>; channels: Record<string, string> };
  secretIds: string[];
  appId: string;
  /** What it has received so far, by surface. */
  received: Received;
}

export function healthBody(model: Model, options: EmulatorOptions, received: Received): Health {
  return {
    status: 'running',
    service: model.service.service,
    apiVersion: model.service.version,
    surfaces: {
      api3: '/',
      endpoints: Object.fromEntries(model.endpoints.map((e) => [e.name, e.path])),
      channels: Object.fromEntries(model.channels.map((c) => [c.name, c.path])),
    },
    secretIds: options.credentials.map((c) => c.secretId),
    appId: options.appId,
    received,
  };
}
