// Calls back, debounced, when a spec file under a folder is added, changed or removed. chokidar
// instead of fs.watch: Node 20's recursive fs.watch on Linux misses events while it walks the tree
// (nodejs/node#48437), and editors that save by writing a temporary file and renaming it need the
// atomic-write handling chokidar has.
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';

export interface SpecWatcher {
  /** Resolves once the initial scan is done and changes are being reported. */
  ready: Promise<void>;
  close: () => Promise<void>;
}

const SPEC_FILE = /\.ya?ml$/;

/** `onChange` gets the paths (relative to `root`, forward slashes) that changed since the last call. */
export function watchSpecs(root: string, dir: string, onChange: (paths: string[]) => void, debounceMs = 150): SpecWatcher {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, {
    ignoreInitial: true,
    // Folders are walked; of files, only spec files count (not editors' swap and backup files).
    ignored: (path, stats) => stats?.isFile() === true && !SPEC_FILE.test(path),
  });
  const flush = (): void => {
    timer = undefined;
    const paths = [...pending].sort();
    pending.clear();
    onChange(paths);
  };
  watcher.on('all', (event, path) => {
    if (!SPEC_FILE.test(path) && event !== 'unlinkDir') return;
    pending.add(relative(root, path).split(sep).join('/'));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
