import { decodeWindows1252 } from '../corpus/decodeText.js';

/** Decoded markup, with the charset that was used. */
export interface DecodedMarkup {
  text: string;
  charset: string;
}

/** Labels that mean Windows-1252 on the web, whatever they say (the WHATWG encoding rule). */
const WINDOWS_1252 = new Set([
  'windows-1252',
  'cp1252',
  'iso-8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'iso8859-1',
]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an HTML page or an XML feed: the charset comes from a byte-order mark, then the
 * HTTP header, then the document's own declaration (`<meta charset>`, `<?xml encoding?>`), then
 * sniffing (valid UTF-8, else Windows-1252, the usual charset of older news archives).
 */
export function decodeMarkup(bytes: Uint8Array, headerCharset?: string): DecodedMarkup {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return decodeAs(bytes.subarray(3), 'utf-8') as DecodedMarkup;
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be' };
  for (const label of [headerCharset, declaredCharset(bytes)]) {
    const decoded = label && decodeAs(bytes, label.trim().toLowerCase());
    if (decoded) return decoded;
  }
  try {
    return { text: utf8.decode(bytes), charset: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
  }
}

function decodeAs(bytes: Uint8Array, label: string): DecodedMarkup | undefined {
  if (WINDOWS_1252.has(label)) return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
  if (label === 'utf-8' || label === 'utf8') {
    // A page that says UTF-8 but is not is usually Windows-1252 with a wrong template.
    try {
      return { text: utf8.decode(bytes), charset: 'utf-8' };
    } catch {
      return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
    }
  }
  try {
    return { text: new TextDecoder(label).decode(bytes), charset: label };
  } catch {
    return undefined;
  }
}

/** The charset the document declares in its first 2 KB, as browsers' pre-scan reads it. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = decodeWindows1252(bytes.subarray(0, 2048));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([\w.:-]+)/i.exec(head);
  return meta?.[1];
}
