// `/asr/flash/v1/{appId}` → a matcher that returns { appId: "1259228442" } for a request path.

export type PathMatcher = (path: string) => Record<string, string> | undefined;

export function pathMatcher(template: string): PathMatcher {
  const names: string[] = [];
  const pattern = template
    .split(/(\{[A-Za-z][A-Za-z0-9_]*\})/)
    .map((part) => {
      const m = /^\{(.+)\}$/.exec(part);
      if (m) {
        names.push(m[1]!);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const re = new RegExp(`^${pattern}$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    try {
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    } catch {
      return undefined; // malformed percent-encoding: not this route
    }
  };
}
