// Everything that configures an emulator instance. Credentials come from the environment the
// way Tencent's SDKs read them, falling back to the documented local test pair in specs/.
import type { Model } from '../model/types.js';

export interface EmulatorOptions {
  secretId: string;
  secretKey: string;
  appId: string;
  /** When set, requests must carry exactly this X-TC-Token. */
  token?: string;
  /** Let wrong signatures, scopes and timestamps through, logged (the request must still name a SecretId). */
  lenientAuth: boolean;
  /** Explain TC3 refusals step by step in their messages (never the expected signature). */
  debugAuth: boolean;
  /** Persist state to this JSON file after every change. */
  statePath?: string;
  /** Override every progress step duration (tasks, model training), in ms. */
  stepMs?: number;
  /** Override a WebSocket channel's silence limit, in ms (tests). */
  wsSilenceMs?: number;
  /** How long a task with a callback URL takes to finish and call back, in ms. */
  callbackDelayMs: number;
  /** Hosts callbacks may be delivered to besides loopback addresses. */
  callbackAllow: string[];
  /** Seed for generated ids, so runs can be reproduced. */
  seed: string;
  now: () => number;
  log: (line: string) => void;
}

export function optionsFromEnv(model: Model, env: NodeJS.ProcessEnv, overrides: Partial<EmulatorOptions> = {}): EmulatorOptions {
  const local = model.service.local;
  return {
    secretId: env.TENCENTCLOUD_SECRET_ID || local.secretId,
    secretKey: env.TENCENTCLOUD_SECRET_KEY || local.secretKey,
    appId: env.TENCENTCLOUD_APPID || local.appId,
    ...(env.TENCENTCLOUD_TOKEN ? { token: env.TENCENTCLOUD_TOKEN } : {}),
    lenientAuth: false,
    debugAuth: false,
    seed: 'asr-emulator',
    callbackDelayMs: 2000,
    callbackAllow: [],
    now: Date.now,
    log: () => {},
    ...overrides,
  };
}
