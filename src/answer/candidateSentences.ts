import type { PassageHit, PassageIndex } from '../search/PassageIndex.js';
import { wordVectors } from '../search/wordVectors.js';
import type { Settings } from './answerSettings.js';
import { articleSupport, freshnessAmong, storySignals } from './chooseStory.js';
import type { Query } from './readQuery.js';
import { readSubjects } from './readSubjects.js';
import { type Candidate, scoreSentences, termWeights } from './scoreSentences.js';
import { softOverlapFor } from './softOverlap.js';

/**
 * How many of the best passages tell how the question's words are written: enough to see a
 * name capitalised, while reading more of them costs time for nothing.
 */
const SUBJECT_HITS = 15;

/** The found passages' sentences, scored and sorted best first, with what scored them. */
export interface CandidateSentences {
  candidates: Candidate[];
  /** Each question term's weight for telling the candidates apart. */
  weightOf: (term: string) => number;
  /** The question's named subjects, as index terms. */
  subjects: string[];
}

/**
 * Every sentence of the found passages (`found`, best first, at least one), scored for the
 * question: what the passage, its story and the sentence itself say of it.
 */
export function candidateSentences(
  index: PassageIndex,
  query: Query,
  found: readonly PassageHit[],
  settings: Settings,
  question: string,
  recent: boolean,
): CandidateSentences {
  const best = found[0] as PassageHit;
  const support = articleSupport(found);
  // A paragraph found again in a copy of its story gives the same sentences again: scoring
  // them twice costs time, and on an archive that holds stories twice, most of it.
  const seen = new Set<string>();
  const hits = found.filter((hit) => {
    const text = hit.passage.paragraph.text;
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  const termLists = hits.map((hit) => index.termsOfSentences(hit.passage));
  const weightOf = termWeights(index, query, hits, termLists, settings.weights.localRarity);
  const freshness = recent ? freshnessAmong(hits) : () => 0;
  const subjects = readSubjects(question, hits.slice(0, SUBJECT_HITS));
  const story = storySignals(index, query, subjects);
  // Comparing word vectors is the costliest part of scoring, so every sentence is first scored
  // with the words it shares with the question, and only the best are then compared in meaning.
  const exactOverlap = softOverlapFor(undefined, query, subjects, weightOf);
  const candidates = hits.flatMap((hit, i) =>
    scoreSentences(query, hit, termLists[i] ?? [], best.score, settings.weights, weightOf, {
      rank: i,
      freshness: freshness(hit),
      support: support(hit),
      ...story(hit.passage.article),
      subjects,
      softOverlap: exactOverlap,
    }),
  );
  candidates.sort((a, b) => b.score - a.score);
  const softOverlap = softOverlapFor(wordVectors(), query, subjects, weightOf);
  for (const candidate of candidates.slice(0, settings.softMatched)) {
    const sentences = termLists[hits.indexOf(candidate.hit)] ?? [];
    const soft = softOverlap(
      sentences[candidate.hit.passage.paragraph.sentences.indexOf(candidate.sentence)] ?? [],
    );
    candidate.score += settings.weights.soft * (soft - candidate.features.soft);
    candidate.features.soft = soft;
  }
  candidates.sort((a, b) => b.score - a.score);
  return { candidates, weightOf, subjects };
}
