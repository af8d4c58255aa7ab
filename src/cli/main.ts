// asr-contract: the command line. The only place that turns diagnostics into exit codes.
// Commands are imported when called, so `--help` and light commands do not load ajv, newman & co.
import { ProjectError, resolveProject, type ContractProject } from '../project/resolve.js';
import { CliError, processIo, UsageError, type Io } from './io.js';
import { ROOT_USAGE, takeRootFlag } from './root-flag.js';

type Run = (argv: string[], io: Io, project: ContractProject) => number | Promise<number>;
type Command = {
  summary: string;
  load: () => Promise<{ usage: string; run: Run }>;
  /** The command reads --root itself (init: where the new contract goes), instead of a contract to use. */
  ownRoot?: true;
};

const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'copy the contract into your repository, build it, add npm scripts and a CI workflow',
    ownRoot: true,
    load: async () => {
      const m = await import('./init.js');
      return { usage: m.INIT_USAGE, run: m.runInit };
    },
  },
  build: {
    summary: 'compile specs/ into generated/ (--check: verify it is current)',
    load: async () => {
      const m = await import('./build.js');
      return { usage: m.BUILD_USAGE, run: m.runBuild };
    },
  },
  test: {
    summary: 'run the contract tests with newman (against the emulator, or --base-url; --shard K/N for CI)',
    load: async () => {
      const m = await import('./test.js');
      return { usage: m.TEST_USAGE, run: m.runTest };
    },
  },
  'merge-reports': {
    summary: "join the reports of a run's shards (test --shard K/N) into one JUnit, HTML and summary",
    load: async () => {
      const m = await import('./merge-reports.js');
      return { usage: m.MERGE_REPORTS_USAGE, run: m.runMergeReports };
    },
  },
  sign: {
    summary: 'sign one API 3.0 call: its headers, a curl command, or every step (--explain)',
    load: async () => {
      const m = await import('./sign.js');
      return { usage: m.SIGN_USAGE, run: m.runSign };
    },
  },
  'sign-url': {
    summary: 'print a signed wss:// URL for the realtime or virtual-number WebSocket',
    load: async () => {
      const m = await import('./sign-url.js');
      return { usage: m.SIGN_URL_USAGE, run: m.runSignUrl };
    },
  },
  docs: {
    summary: 'write a self-contained HTML reference (default generated/docs/index.html here)',
    load: async () => {
      const m = await import('./docs.js');
      return { usage: m.DOCS_USAGE, run: m.runDocs };
    },
  },
  diff: {
    summary: 'compare two versions of the contract and flag breaking changes',
    load: async () => {
      const m = await import('./diff.js');
      return { usage: m.DIFF_USAGE, run: m.runDiff };
    },
  },
  drift: {
    summary: "compare specs/ with Tencent's SDK declarations or a tccli api.json",
    load: async () => {
      const m = await import('./drift.js');
      return { usage: m.DRIFT_USAGE, run: m.runDrift };
    },
  },
  proxy: {
    summary: 'a re-signing contract proxy: check real traffic against the contract (--record FILE.har)',
    load: async () => {
      const m = await import('./proxy.js');
      return { usage: m.PROXY_USAGE, run: m.runProxy };
    },
  },
  verify: {
    summary: 'check the ASR exchanges in a HAR file against the contract, offline',
    load: async () => {
      const m = await import('./verify.js');
      return { usage: m.VERIFY_USAGE, run: m.runVerify };
    },
  },
  mock: {
    summary: 'run the local ASR emulator (strict auth, validation and state)',
    load: async () => {
      const m = await import('./mock.js');
      return { usage: m.MOCK_USAGE, run: m.runMock };
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
  const usage = entry.ownRoot ? command.usage : `${command.usage}\n\n${ROOT_USAGE}`;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(usage);
    return 0;
  }
  try {
    if (entry.ownRoot) return await command.run(rest, io, resolveProject(io.cwd, undefined));
    const { argv, root } = takeRootFlag(rest);
    return await command.run(argv, io, resolveProject(io.cwd, root));
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`asr-contract ${name}: ${(e as Error).message}\n\n${usage}`);
      return 2;
    }
    if (e instanceof CliError || e instanceof ProjectError) {
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
