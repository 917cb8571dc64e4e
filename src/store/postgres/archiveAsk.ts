import type pg from 'pg';
import { type AnswerSource, type Ask, answerOptionsOf } from '../../answer/Ask.js';
import { answerQuestion } from '../../answer/answerQuestion.js';
import { questionIndex } from './questionIndex.js';

/**
 * The quoted composer over the database: the same answers as {@link quotedAsk} over an index of
 * every article, each question reading only the part of the archive it needs.
 */
export function archiveAsk(pool: pg.Pool): Ask {
  return async (question, request = {}) => {
    const options = answerOptionsOf(request);
    const index = await questionIndex(pool, question, options);
    return { ...answerQuestion(index, question, options), composer: 'extractive' };
  };
}

/** The database's answers: quoted, and the part of the archive each question is read in. */
export function archiveAnswers(pool: pg.Pool): AnswerSource {
  return {
    quoted: archiveAsk(pool),
    indexFor: (question, request) => questionIndex(pool, question, answerOptionsOf(request)),
  };
}
