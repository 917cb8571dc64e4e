import { describe, expect, it } from 'vitest';
import { focusSentence } from '../../src/answer/focusSentence.js';
import { processTerm } from '../../src/search/analyzeText.js';

const weights = (...words: string[]) => {
  const terms = new Set(words.map((w) => processTerm(w)));
  return (term: string) => (terms.has(term) ? 1 : 0);
};

const long =
  "Under Kubiak, the Broncos planned to install a run-oriented offense with zone blocking to blend in with quarterback Peyton Manning's shotgun passing skills, but struggled with numerous changes and injuries to the offensive line, as well as Manning having his worst statistical season since his rookie year with the Indianapolis Colts in 1998, due to a plantar fasciitis injury in his heel that he had suffered since the summer, and the simple fact that Manning was getting old, as he turned 39 in the 2015 off-season.";

describe('focusSentence', () => {
  it('keeps a sentence within the limit whole', () => {
    expect(focusSentence('A short sentence, with a comma.', weights('comma'), 280)).toEqual({
      start: 0,
      end: 31,
      cutBefore: false,
      cutAfter: false,
    });
  });

  it('narrows a long sentence to the clauses around the question words, within the limit', () => {
    const focus = focusSentence(long, weights('rookie', 'Manning', 'play'), 280);
    const text = long.slice(focus.start, focus.end);
    expect(text.length).toBeLessThanOrEqual(280);
    expect(text).toContain('rookie year with the Indianapolis Colts');
    expect(focus.cutBefore || focus.cutAfter).toBe(true);
  });

  it('cuts only at clause boundaries', () => {
    const focus = focusSentence(long, weights('plantar', 'injury'), 200);
    const text = long.slice(focus.start, focus.end);
    expect(text).toContain('plantar fasciitis');
    if (focus.cutBefore) expect(long.slice(0, focus.start)).toMatch(/[,;:]\s*$|\s[—–-]\s$/);
    if (focus.cutAfter) expect(long.slice(focus.end)).toMatch(/^[,;:]|^\s+[—–-]\s/);
  });
});
