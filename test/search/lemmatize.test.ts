import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/search/analyzeText.js';
import { deriveWordForms, lemmatize } from '../../src/search/lemmatize.js';
import { projectRoot } from '../helpers.js';

const wink = createRequire(import.meta.url)('wink-lemmatizer') as {
  verb(word: string): string;
  noun(word: string): string;
};

/** What the project did before: wink-lemmatizer's verb form, else its noun form. */
function winkBaseForm(word: string): string {
  const verb = wink.verb(word);
  return verb !== word ? verb : wink.noun(word);
}

/** Every word of the project's own article files, lower-cased. */
async function articleWords(): Promise<string[]> {
  const words = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (/\.(txt|md)$/.test(entry.name))
        for (const token of tokenize(await readFile(file, 'utf8'))) words.add(token.toLowerCase());
    }
  };
  await walk(path.join(projectRoot, 'seeds'));
  await walk(path.join(projectRoot, 'test/fixtures'));
  return [...words];
}

describe('lemmatize', () => {
  it('finds irregular base forms of verbs and nouns', () => {
    expect(lemmatize('held')).toBe('hold');
    expect(lemmatize('children')).toBe('child');
    expect(lemmatize('launched')).toBe('launch');
    expect(lemmatize('talks')).toBe('talk');
    expect(lemmatize('zelenskyy')).toBe('zelenskyy');
  });

  it('gives exactly what wink-lemmatizer gives, for every WordNet word and its inflections', () => {
    const forms = deriveWordForms();
    const words = new Set<string>([
      ...Object.keys(forms.verbExceptions),
      ...Object.keys(forms.nounExceptions),
    ]);
    const nouns = forms.nouns.split('\n').filter((_, i) => i % 3 === 0);
    for (const base of [...forms.verbs.split('\n'), ...nouns]) {
      for (const ending of ['', 's', 'es', 'ed', 'ing', 'ies', 'men'])
        words.add(`${base}${ending}`);
    }
    let differ = 0;
    const examples: string[] = [];
    for (const word of words) {
      if (lemmatize(word) === winkBaseForm(word)) continue;
      differ++;
      if (examples.length < 5) examples.push(word);
    }
    expect(words.size).toBeGreaterThan(100_000);
    expect({ differ, examples }).toEqual({ differ: 0, examples: [] });
  });

  it('agrees with wink-lemmatizer on every word of the seed and the test articles', async () => {
    const words = await articleWords();
    expect(words.length).toBeGreaterThan(1000);
    expect(words.filter((word) => lemmatize(word) !== winkBaseForm(word))).toEqual([]);
  });

  it('survives words that name object properties', () => {
    for (const word of ['constructor', 'constructors', '__proto__', 'tostring', 'hasownproperty'])
      expect(lemmatize(word)).toBe(winkBaseForm(word));
  });
});
