import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The speed benchmarks' questions, at least 500: every tenth BBC headline asked about, and
 * every tenth SQuAD question of half A.
 */
export async function scaleQuestions(dataDir: string): Promise<string[]> {
  const bbc = path.join(dataDir, 'bbc-news-summary/articles');
  const headlines: string[] = [];
  for (const topic of await readdir(bbc)) {
    for (const file of (await readdir(path.join(bbc, topic))).filter((_, i) => i % 10 === 0)) {
      const first = (await readFile(path.join(bbc, topic, file), 'latin1')).split('\n')[0]?.trim();
      if (first) headlines.push(`What happened: ${first}?`);
    }
  }
  const squad = JSON.parse(
    await readFile(path.join(dataDir, 'squad/squad-v1.1-dev-half-a.json'), 'utf8'),
  ) as { data: { paragraphs: { qas: { question: string }[] }[] }[] };
  const squadQuestions = squad.data
    .flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => q.question)))
    .filter((_, i) => i % 10 === 0);
  return [...headlines, ...squadQuestions];
}
