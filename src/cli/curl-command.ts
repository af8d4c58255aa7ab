// A request as a curl command a POSIX shell runs as printed: pasted, or through eval "$(…)".
// Values are single-quoted; a value that must stay out of the printed text (a session token) is
// referenced as an environment variable instead.

/** `it's` → `'it'\''s'`: single quotes keep every other byte as it is. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface CurlRequest {
  url: string;
  headers: [string, string][];
  /** The body inline, or the file that holds it (sent byte for byte). */
  body: { text: string } | { file: string };
  /** Header name → environment variable whose value the shell puts in its place. */
  fromEnv?: Record<string, string>;
}

export function curlCommand(r: CurlRequest): string {
  const header = ([name, value]: [string, string]): string => {
    const variable = r.fromEnv?.[name];
    return variable ? `-H "${name}: \${${variable}}"` : `-H ${shellQuote(`${name}: ${value}`)}`;
  };
  const body = 'file' in r.body ? `--data-binary @${shellQuote(r.body.file)}` : `--data-raw ${shellQuote(r.body.text)}`;
  return [`curl -sS ${shellQuote(r.url)}`, ...r.headers.map(header), body].join(' \\\n  ');
}
