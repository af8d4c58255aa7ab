// Everything that configures an emulator instance. It always accepts the documented local test pair
// in specs/ (what the local Postman environment and every example use), and also the pair in
// TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY when one is set, the names Tencent's SDKs read.
import type { Model } from '../model/types.js';
import type { Transcriber } from './recognizer/transcriber.js';

export interface KeyPair {
  secretId: string;
  secretKey: string;
}

export interface EmulatorOptions {
  /** Every key pair it accepts; a SecretId appears once. */
  credentials: KeyPair[];
  appId: string;
  /** When set, requests must carry exactly this X-TC-Token. */
  token?: string;
  /** Let wrong signatures, scopes and timestamps through, logged (the request must still name a SecretId). */
  lenientAuth: boolean;
  /** Explain TC3 refusals step by step in their messages (never the expected signature). */
  debugAuth: boolean;
  /** Keep state in this file (a journal, state/journal.ts): loaded at start, every change appended before its answer. */
  statePath?: string;
  /** Start the emulator's clock at this time (epoch ms) instead of the real time (--clock). */
  clockStart?: number;
  /** Override every progress step duration (tasks, model training), in ms. */
  stepMs?: number;
  /** Override a WebSocket channel's silence limit, in ms (tests). */
  wsSilenceMs?: number;
  /** How long a task with a callback URL takes to finish and call back, in ms. */
  callbackDelayMs: number;
  /** Hosts callbacks may be delivered to besides loopback addresses. */
  callbackAllow: string[];
  /** A real recogniser for its language's engines (--recognizer); canned passages otherwise. */
  recognizer?: Transcriber;
  /** Seed for generated ids, so runs can be reproduced. */
  seed: string;
  /** The real time: signatures are checked against it. The emulator's own clock (state/clock.ts) runs from it. */
  now: () => number;
  log: (line: string) => void;
}

export function optionsFromEnv(model: Model, env: NodeJS.ProcessEnv, overrides: Partial<EmulatorOptions> = {}): EmulatorOptions {
  const local = model.service.local;
  const credentials: KeyPair[] = [{ secretId: local.secretId, secretKey: local.secretKey }];
  // A pair from the environment comes first; it replaces the local pair only if it reuses its SecretId.
  if (env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY) credentials.unshift({ secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY });
  return {
    credentials: credentials.filter((c, i) => credentials.findIndex((x) => x.secretId === c.secretId) === i),
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

/** The SecretKey of a SecretId the emulator accepts, or undefined for an unknown SecretId. */
export function secretKeyOf(options: EmulatorOptions, secretId: string | undefined): string | undefined {
  return options.credentials.find((c) => c.secretId === secretId)?.secretKey;
}
