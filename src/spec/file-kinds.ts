// The kinds of spec file, told apart by their top-level key.

// Ordered by precedence: a callback names its `action`, an action file may carry an `errors:` list.
export const FILE_KINDS = ['callback', 'endpoint', 'channel', 'action', 'type', 'workflow', 'service', 'errors', 'emulator'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export function fileKind(data: unknown): FileKind | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return FILE_KINDS.find((k) => k in data);
}
