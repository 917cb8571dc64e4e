import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askNewsdesk,
  NEWS_QUESTIONS_FILE,
  newsFigures,
  readNewsQuestions,
  writeNewsCorpus,
} from '../../bench/lib/newsQuestions.js';
import { writeSquadCorpus } from '../../bench/lib/squadCorpus.js';
import { indexFolder, projectRoot, seedsDir } from '../helpers.js';
import { bbcDir, squadFile } from './sharedData.js';

describe('one server’s additions on the real news set', () => {
  let dir: string;
  let squad: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-collections-'));
    squad = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-collections-squad-'));
    await writeNewsCorpus(bbcDir, seedsDir, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(squad, { recursive: true, force: true });
  });

  it('leave every answer of another server to the 323 news questions as it was', async () => {
    const questions = await readNewsQuestions(path.join(projectRoot, NEWS_QUESTIONS_FILE));
    const before = askNewsdesk(await indexFolder(dir), questions);
    // Twenty unrelated articles (Wikipedia's, from SQuAD) added by one server.
    await writeSquadCorpus(squadFile, squad);
    const server = path.join(dir, 'servers', '900000000000000001');
    await mkdir(server, { recursive: true });
    for (const file of (await readdir(squad)).slice(0, 20))
      await rename(path.join(squad, file), path.join(server, file));
    const index = await indexFolder(dir);
    expect(index.corpus.articles.length).toBe(2226 + 20);
    const after = askNewsdesk(index, questions, { viewer: { guildId: '900000000000000002' } });
    const figures = (outcomes: typeof before) => {
      const f = newsFigures(outcomes.filter((o) => o.question.answerable));
      return { answerAt1: f.answerAt1, evidenceAt3: f.evidenceAt3 };
    };
    expect(figures(after)).toEqual(figures(before));
    expect(after.map((o) => [o.correct, o.evidence])).toEqual(
      before.map((o) => [o.correct, o.evidence]),
    );
  });
});
