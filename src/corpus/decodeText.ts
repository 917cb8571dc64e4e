/** What decoding one file's bytes gave: its text, or why it is not an article. */
export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');
// Real-world news files that are not UTF-8 are almost always Windows-1252 (Latin-1 plus curly
// quotes, dashes and € in 0x80–0x9F), so it is the one fallback worth having. Node's decoder for
// that label decodes 0x80–0x9F as Latin-1 control characters, so those 32 bytes are mapped here.
const latin1 = new TextDecoder('latin1');
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes Windows-1252 bytes, 0x80–0x9F included (curly quotes, dashes, €). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return latin1
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Share of control characters above which a file is treated as binary rather than text. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Turns a file's bytes into article text: strips a byte-order mark, honours UTF-16 marks,
 * falls back to Windows-1252 when the bytes are not valid UTF-8, normalises line endings and
 * rejects binary or empty files with a reason a person can read.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };

  let decoded: DecodeResult;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { ok: true, text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { ok: true, text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    if (bytes.includes(0)) return { ok: false, reason: 'it looks like a binary file, not text' };
    try {
      decoded = { ok: true, text: utf8.decode(bytes), encoding: 'utf-8' };
    } catch {
      decoded = { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
    }
  }

  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (looksBinary(text)) return { ok: false, reason: 'it looks like a binary file, not text' };
  if (text.trim() === '') return { ok: false, reason: 'the file has no text' };
  return { ...decoded, text };
}

/**
 * Whether decoded text is really a binary file: more than 1% control characters or
 * replacement characters (tabs, line and page breaks, carriage returns are text).
 */
export function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 0xfffd)
      control++;
  }
  return control > Math.max(2, text.length * MAX_CONTROL_SHARE);
}
