import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/createLogger.js';
import { createAsk, fixedIndex } from '../../src/run/createAsk.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { judgeAnswer, type NewsQuestion } from './newsQuestions.js';

/**
 * For operators who have a model: when LLM_BASE_URL is set, the news questions are asked
 * through it and scored like the quoted answers. Without it, nothing is asked (undefined).
 */
export async function scoreModelAnswers(index: PassageIndex, questions: readonly NewsQuestion[]) {
  const loaded = loadConfig();
  if (!loaded.ok || !loaded.config.llm) return undefined;
  const { ask } = await createAsk(loaded.config.llm, fixedIndex(index), {
    logger: createLogger('warn', { secrets: [loaded.config.llm.apiKey ?? ''] }),
  });
  const outcomes = [];
  for (const question of questions)
    outcomes.push(judgeAnswer(question, await ask(question.question)));
  return outcomes;
}
