// Text made safe for XML 1.0: characters XML cannot hold at all (most control characters, lone
// surrogates) are dropped, and markup characters escaped. A server's answer can hold anything.

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** For element content (also HTML text). */
export const xmlText = (text: string): string => text.replace(NOT_XML, '').replace(/[&<>]/g, (c) => ENTITIES[c]!);

/** For a double-quoted attribute value: line breaks kept as character references, so parsers do not fold them into spaces. */
export const xmlAttr = (text: string): string => text.replace(NOT_XML, '').replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c]!);
