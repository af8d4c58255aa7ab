// asr-contract: the command line. The only place that turns diagnostics into exit codes.
// Commands are imported when called, so `--help` and light commands do not load ajv, newman & co.
import { PACKAGE_ROOT, processIo, UsageError, type Io } from './io.js';

type Command = { summary: string; load: () => Promise<{ usage: string; run: (argv: string[], io: Io) => number | Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'compile specs/ into generated/ (--check: verify it is current)',
    load: async () => {
      const m = await import('./build.js');
      return { usage: m.BUILD_USAGE, run: (argv, io) => m.runBuild(argv, io, PACKAGE_ROOT) };
    },
  },
  test: {
    summary: 'run the contract tests with newman (against the emulator, or --base-url)',
    load: async () => {
      const m = await import('./test.js');
      return { usage: m.TEST_USAGE, run: (argv, io) => m.runTest(argv, io, PACKAGE_ROOT) };
    },
  },
  'sign-url': {
    summary: 'print a signed wss:// URL for the realtime or virtual-number WebSocket',
    load: async () => {
      const m = await import('./sign-url.js');
      return { usage: m.SIGN_URL_USAGE, run: (argv, io) => m.runSignUrl(argv, io, PACKAGE_ROOT) };
    },
  },
  docs: {
    summary: 'write a self-contained HTML reference to generated/docs/index.html',
    load: async () => {
      const m = await import('./docs.js');
      return { usage: m.DOCS_USAGE, run: (argv, io) => m.runDocs(argv, io, PACKAGE_ROOT) };
    },
  },
  diff: {
    summary: 'compare two versions of the contract and flag breaking changes',
    load: async () => {
      const m = await import('./diff.js');
      return { usage: m.DIFF_USAGE, run: (argv, io) => m.runDiff(argv, io) };
    },
  },
  drift: {
    summary: "compare specs/ with Tencent's SDK declarations or a tccli api.json",
    load: async () => {
      const m = await import('./drift.js');
      return { usage: m.DRIFT_USAGE, run: (argv, io) => m.runDrift(argv, io, PACKAGE_ROOT) };
    },
  },
  mock: {
    summary: 'run the local ASR emulator (strict auth, validation and state)',
    load: async () => {
      const m = await import('./mock.js');
      return { usage: m.MOCK_USAGE, run: (argv, io) => m.runMock(argv, io, PACKAGE_ROOT) };
    },
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: asr-contract <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `asr-contract <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(`asr-contract: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`asr-contract ${name}: ${(e as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw e;
  }
}
