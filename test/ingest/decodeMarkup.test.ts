import { describe, expect, it } from 'vitest';
import { decodeMarkup } from '../../src/ingest/decodeMarkup.js';
import { readFeed } from '../../src/ingest/readFeed.js';

const cp1252 = (text: string) => Buffer.from(text.replace('’', '\x92'), 'latin1');

describe('decodeMarkup', () => {
  it('takes the charset from the HTTP header first', () => {
    const bytes = cp1252(
      '<html><head><meta charset="utf-8"></head><body>Caf\u00e9 l’été</body></html>',
    );
    expect(decodeMarkup(bytes, 'windows-1252')).toMatchObject({ charset: 'windows-1252' });
    expect(decodeMarkup(bytes, 'windows-1252').text).toContain('Café l’été');
  });

  it('then from <meta charset> or <meta http-equiv>', () => {
    const koi8 = Uint8Array.from([
      ...Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>'),
      0xf0,
      0xd2,
      0xc9,
      0xd7,
      0xc5,
      0xd4,
    ]);
    expect(decodeMarkup(koi8).text).toContain('Привет');
    expect(decodeMarkup(koi8).charset).toBe('koi8-r');
  });

  it('reads a feed in the encoding its XML declaration names', () => {
    const feed = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Le Monde à l\u2019heure</title><item><title>Réforme des retraites</title><link>http://127.0.0.1/a</link></item></channel></rss>'.replace(
        '\u2019',
        "'",
      ),
      'latin1',
    );
    const decoded = decodeMarkup(feed);
    expect(decoded.charset).toBe('windows-1252');
    const parsed = readFeed(decoded.text);
    expect(parsed.ok && parsed.items[0]?.title).toBe('Réforme des retraites');
  });

  it('honours byte-order marks, then sniffs UTF-8, else Windows-1252', () => {
    expect(decodeMarkup(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('<p>né</p>')]))).toEqual({
      text: '<p>né</p>',
      charset: 'utf-8',
    });
    expect(decodeMarkup(Buffer.from('\ufeff<p>né</p>', 'utf16le'))).toEqual({
      text: '<p>né</p>',
      charset: 'utf-16le',
    });
    expect(decodeMarkup(Buffer.from('<p>née</p>'))).toEqual({
      text: '<p>née</p>',
      charset: 'utf-8',
    });
    expect(decodeMarkup(cp1252('<p>née’</p>'))).toEqual({
      text: '<p>née’</p>',
      charset: 'windows-1252',
    });
  });

  it('ignores a charset it does not know', () => {
    expect(decodeMarkup(Buffer.from('<p>née</p>'), 'x-made-up')).toEqual({
      text: '<p>née</p>',
      charset: 'utf-8',
    });
  });
});
