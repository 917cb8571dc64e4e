import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/createLogger.js';
import { renderAnswerJson } from '../../src/render/renderJson.js';
import { createAsk } from '../../src/run/createAsk.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import type { NewsQuestion } from './newsQuestions.js';
import { containsAnswer } from './squadMetrics.js';

/**
 * For operators who have a model: when LLM_BASE_URL is set, the news questions are asked
 * through it and scored like the quoted answers. Without it, nothing is asked (undefined).
 */
export async function scoreModelAnswers(index: PassageIndex, questions: readonly NewsQuestion[]) {
  const loaded = loadConfig();
  if (!loaded.ok || !loaded.config.llm) return undefined;
  const { ask } = await createAsk(loaded.config.llm, () => index, {
    logger: createLogger('warn', { secrets: [loaded.config.llm.apiKey ?? ''] }),
  });
  const outcomes = [];
  for (const question of questions) {
    const answer = await ask(question.question);
    const json = renderAnswerJson(answer, question.id);
    outcomes.push({
      question,
      correct: containsAnswer(json.answer.slice(0, 300), question.answers),
      evidence: json.citations
        .slice(0, 3)
        .some((c) => containsAnswer(c.quote.slice(0, 1000), question.answers)),
      found: answer.found,
      hedged: answer.hedged === true,
      high: answer.found && answer.confidenceLevel === 'high',
    });
  }
  return outcomes;
}
