// File and folder names of the collection, from the names people read. Bruno shows each item's
// info.name and orders by info.seq, so a file name only has to be valid everywhere (no characters
// Windows or macOS refuse, not too long) and unique in its folder.
const MAX_BYTES = 120;

function cut(name: string): string {
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > MAX_BYTES) break;
    out += ch;
  }
  return out;
}

export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '-').replace(/\s+/g, ' ').trim();
  return cut(cleaned).replace(/[. ]+$/, '') || 'untitled';
}

/** Unique names within one folder: a second "X" becomes "X (2)", compared case-insensitively. */
export class NameSet {
  private readonly taken = new Set<string>();

  claim(name: string): string {
    const base = safeFileName(name);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
