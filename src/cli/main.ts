// asr-contract: the command line. The only place that turns diagnostics into exit codes.
// Commands are imported when called, so `--help` and light commands do not load ajv, newman & co.
import { CliError, PACKAGE_ROOT, processIo, UsageError, type Io } from './io.js';

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
  sign: {
    summary: 'sign one API 3.0 call: its headers, a curl command, or every step (--explain)',
    load: async () => {
      const m = await import('./sign.js');
      return { usage: m.SIGN_USAGE, run: (argv, io) => m.runSign(argv, io, PACKAGE_ROOT) };
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
    if (e instanceof CliError) {
      io.stderr(`asr-contract ${name}: ${e.message}`);
      return 2;
    }
    // A file the command had to read or write: the user's to fix, so one line, not a stack trace.
    const system = describeSystemError(e);
    if (system) {
      io.stderr(`asr-contract ${name}: ${system}`);
      return 2;
    }
    io.stderr(`asr-contract ${name}: internal error: ${(e as Error).message ?? String(e)} (a bug in asr-contract; set ASR_CONTRACT_DEBUG=1 for the stack trace)`);
    if (io.env.ASR_CONTRACT_DEBUG) io.stderr(String((e as Error).stack ?? e));
    return 1;
  }
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
};

function describeSystemError(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !err.syscall) return undefined;
  const reason = SYSTEM_REASONS[err.code] ?? err.code;
  return err.path ? `cannot ${err.syscall} ${err.path}: ${reason}` : `${err.syscall} failed: ${reason}`;
}
