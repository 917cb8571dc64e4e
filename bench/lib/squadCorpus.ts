import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One SQuAD question with where its answer is. */
export interface SquadQuestion {
  id: string;
  question: string;
  answers: string[];
  /** The article file's id in the written corpus. */
  articleId: string;
  /** The paragraph number, as the corpus loader numbers it (headline excluded). */
  passage: number;
}

interface SquadFile {
  data: {
    title: string;
    paragraphs: {
      context: string;
      qas: { id: string; question: string; answers: { text: string }[] }[];
    }[];
  }[];
}

/**
 * Writes a SQuAD JSON file as an articles folder, one file per article: its title as the
 * headline, then each context as a paragraph. Returns every question with its gold answers and
 * the paragraph that holds them.
 */
export async function writeSquadCorpus(
  squadJson: string,
  outDir: string,
): Promise<SquadQuestion[]> {
  const squad = JSON.parse(await readFile(squadJson, 'utf8')) as SquadFile;
  await mkdir(outDir, { recursive: true });
  const questions: SquadQuestion[] = [];
  for (const [i, article] of squad.data.entries()) {
    const articleId = `${String(i + 1).padStart(2, '0')}-${article.title.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
    const title = article.title.replace(/_/g, ' ');
    const paragraphs = article.paragraphs.map((p) => p.context.replace(/\s*\n\s*/g, ' ').trim());
    await writeFile(
      path.join(outDir, `${articleId}.txt`),
      `${title}\n\n${paragraphs.join('\n\n')}\n`,
    );
    article.paragraphs.forEach((paragraph, p) => {
      for (const qa of paragraph.qas) {
        questions.push({
          id: qa.id,
          question: qa.question,
          answers: qa.answers.map((a) => a.text),
          articleId,
          passage: p + 1,
        });
      }
    });
  }
  return questions;
}
