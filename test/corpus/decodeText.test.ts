import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/corpus/decodeText.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8 and removes a byte-order mark', () => {
    const result = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Café £5')]));
    expect(result).toEqual({ ok: true, text: 'Café £5', encoding: 'utf-8' });
  });

  it('normalises CRLF and lone CR line endings to LF', () => {
    const result = decodeText(utf8('one\r\ntwo\rthree\n'));
    expect(result.ok && result.text).toBe('one\ntwo\nthree\n');
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    const result = decodeText(bytes(0x50, 0x61, 0x69, 0x64, 0x20, 0xa3, 0x35, 0x20, 0x80));
    expect(result).toEqual({ ok: true, text: 'Paid £5 €', encoding: 'windows-1252' });
  });

  it('reads UTF-16 files marked with a byte-order mark', () => {
    const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from('Hi £', 'utf16le')]);
    expect(decodeText(le)).toEqual({ ok: true, text: 'Hi £', encoding: 'utf-16le' });
    const be = Uint8Array.from([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69]);
    expect(decodeText(be)).toEqual({ ok: true, text: 'Hi', encoding: 'utf-16be' });
  });

  it('rejects empty and blank files', () => {
    expect(decodeText(bytes())).toEqual({ ok: false, reason: 'the file is empty' });
    expect(decodeText(utf8(' \n\t\n'))).toEqual({ ok: false, reason: 'the file has no text' });
  });

  it('rejects binary files: NUL bytes or many control characters', () => {
    expect(decodeText(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01)).ok).toBe(false);
    const controls = utf8(`${'\u0001\u0002\u0003'.repeat(10)}text`);
    expect(decodeText(controls)).toEqual({
      ok: false,
      reason: 'it looks like a binary file, not text',
    });
  });
});
