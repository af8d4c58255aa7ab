// Starts an emulator on a free loopback port for a test file, with an injectable clock.
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { compileSpecDir } from '../../src/model/compile.js';
import type { Model } from '../../src/model/types.js';
import { optionsFromEnv, type EmulatorOptions } from '../../src/mock/options.js';
import { startEmulator, type Emulator } from '../../src/mock/server.js';

let cached: Model | undefined;
export function projectModel(): Model {
  cached ??= compileSpecDir(PACKAGE_ROOT).model!;
  return cached;
}

export interface TestEmulator extends Emulator {
  model: Model;
  options: EmulatorOptions;
  /** Moves the emulator's clock; it starts at the real time. */
  advance(ms: number): void;
  /** What the emulator logged (internal errors would show here). */
  logs: string[];
}

export async function startTestEmulator(overrides: Partial<EmulatorOptions> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestEmulator> {
  const model = projectModel();
  let offset = 0;
  const logs: string[] = [];
  const options = optionsFromEnv(model, env, { now: () => Date.now() + offset, log: (l) => logs.push(l), ...overrides });
  const emulator = await startEmulator(model, options, { host: '127.0.0.1', port: 0 });
  return { ...emulator, model, options, logs, advance: (ms) => void (offset += ms) };
}

/** Emulators for one test file, each fresh, all stopped by `stopAll` (call it in afterEach). */
export function emulators(): { start: () => Promise<TestEmulator>; stopAll: () => Promise<void> } {
  const running: TestEmulator[] = [];
  return {
    start: async () => {
      const e = await startTestEmulator();
      running.push(e);
      return e;
    },
    stopAll: async () => {
      for (const e of running.splice(0)) await e.close();
    },
  };
}
