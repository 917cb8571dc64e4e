import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/corpus/parseFrontMatter.js';

describe('parseFrontMatter', () => {
  it('reads the title and the metadata keys and returns the body after the block', () => {
    const result = parseFrontMatter(
      '---\ntitle: "Cycle lanes: approved"\nurl: https://example.org/a?b=1\npublished: 2005-02-12\nsource: Gazette\nauthor: Jo\nextra: ignored\n---\nBody text.\n',
    );
    expect(result).toEqual({
      title: 'Cycle lanes: approved',
      metadata: {
        url: 'https://example.org/a?b=1',
        published: '2005-02-12',
        source: 'Gazette',
        author: 'Jo',
      },
      body: 'Body text.\n',
    });
  });

  it('returns the whole text as body when there is no front matter', () => {
    expect(parseFrontMatter('Headline\n\nBody.')).toEqual({
      metadata: {},
      body: 'Headline\n\nBody.',
    });
  });

  it('drops invalid front matter with a note and keeps the body', () => {
    const result = parseFrontMatter('---\ntitle: [unclosed\n---\nHeadline\n\nBody.');
    expect(result.body).toBe('Headline\n\nBody.');
    expect(result.title).toBeUndefined();
    expect(result.problem).toMatch(/not valid YAML/);
  });

  it('ignores front matter that is not a set of keys', () => {
    const result = parseFrontMatter('---\n- a\n- b\n---\nBody.');
    expect(result).toMatchObject({ metadata: {}, body: 'Body.' });
    expect(result.problem).toMatch(/not a list of keys/);
  });
});
