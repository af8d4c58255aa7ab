// Runs a Node CLI (a runner such as bru or the Postman CLI) as a child process that writes a JSON
// report to `report`, and reads it. Bounded: past `timeoutMs` the process is killed and the run fails.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ReportedRun<T> {
  code: number | null;
  output: string;
  report: T;
}

export function runWithReport<T>(args: string[], cwd: string, env: NodeJS.ProcessEnv, report: string, timeoutMs: number): Promise<ReportedRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      try {
        resolve({ code, output, report: JSON.parse(readFileSync(report, 'utf8')) as T });
      } catch (e) {
        reject(new Error(`${args[0]} wrote no report (exit ${code}): ${String(e)}\n${output.slice(-3000)}`));
      }
    });
  });
}
