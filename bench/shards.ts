/**
 * `npm run bench:shards`: the bot with 4 gateway shards on the BBC corpus copied ten times
 * (22,250 articles), run as 1 process (the 4 shards inside it; the baseline), then under
 * SHARD_PROCESSES=2 and 4, against the loopback Discord of the end-to-end tests. For each:
 * the warm start (process start to every shard ready, the index already saved in CACHE_DIR),
 * the resident memory of each process that answers, and /ask latency as a reader's shard pays
 * it (interaction sent on the gateway → reply received), median and 99th percentile over the
 * news question set after a warm-up. Needs `npm run build`; writes bench/results/shards.json.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeDiscord, GUILD_ID } from '../test/discord/fakeDiscord.js';
import { NEWS_QUESTIONS_FILE, readNewsQuestions } from './lib/newsQuestions.js';
import { replicateBbc } from './lib/replicateBbc.js';
import { median, percentile } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    copies: { type: 'string', default: '10' },
    shards: { type: 'string', default: '4' },
    out: { type: 'string', default: path.join(root, 'bench/results/shards.json') },
  },
});
const entry = path.join(root, 'dist/src/main.js');
if (!existsSync(entry)) {
  process.stderr.write('bench:shards runs the compiled bot: run npm run build first\n');
  process.exit(1);
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shards-'));
const shardCount = Number(args.shards);

/** Resident memory, in MB, of a process (Linux /proc). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** The child processes of `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

interface Row {
  processes: number;
  warmStartMs: number;
  rssPerProcessMb: number[];
  managerRssMb?: number;
  askP50Ms: number;
  askP99Ms: number;
  questions: number;
}

try {
  process.stderr.write(`copying the BBC corpus ${args.copies} times…\n`);
  const seeds = await replicateBbc(
    path.join(args.data, 'bbc-news-summary/articles'),
    Number(args.copies),
    work,
  );
  const cacheDir = path.join(work, 'cache');
  process.stderr.write('building and saving the index once…\n');
  execFileSync(
    process.execPath,
    [path.join(root, 'dist/src/cli/main.js'), 'ask', '--seeds', seeds, 'warm up'],
    {
      env: { ...process.env, CACHE_DIR: cacheDir, LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    },
  );
  const questions = (await readNewsQuestions(path.join(root, NEWS_QUESTIONS_FILE))).map(
    (q) => q.question,
  );

  const rows: Row[] = [];
  for (const processes of [1, 2, 4]) {
    process.stderr.write(`${processes} process${processes === 1 ? '' : 'es'}…\n`);
    const fake = await FakeDiscord.start({ shards: shardCount });
    const guilds = [
      GUILD_ID,
      ...Array.from({ length: shardCount }, (_, s) => fake.guildOnShard(s, shardCount)),
    ];
    const {
      DISCORD_GUILD_ID: _g,
      DISCORD_CLIENT_ID: _c,
      SHARD_PROCESSES: _p,
      ...parentEnv
    } = process.env;
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, [entry], {
      cwd: root,
      env: {
        ...parentEnv,
        DISCORD_TOKEN: 'bench-token.abc.def',
        DISCORD_API_URL: fake.apiUrl,
        SEEDS_DIR: seeds,
        CACHE_DIR: cacheDir,
        DATA_DIR: path.join(work, `data-${processes}`),
        FEEDS_FILE: path.join(work, 'no-feeds.yml'),
        LOG_LEVEL: 'info',
        ...(processes > 1 ? { SHARD_PROCESSES: String(processes) } : {}),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let logs = '';
    child.stderr?.on('data', (chunk) => (logs += chunk));
    const readyMessage = processes > 1 ? '"all shard processes ready"' : '"connected to Discord"';
    try {
      await fake.waitFor(() => logs.includes(readyMessage) || undefined, 300_000);
      const warmStartMs = performance.now() - started;
      const pid = child.pid as number;
      const answering = processes > 1 ? childrenOf(pid) : [pid];
      const ask = async (question: string, i: number) => {
        const sent = performance.now();
        const asked = fake.sendCommand(
          'ask',
          [{ name: 'question', type: 3, value: question.slice(0, 300) }],
          fake.newUser(),
          guilds[i % guilds.length],
        );
        await fake.waitFor(() => fake.requests.find((r) => r.path.includes(asked.token)), 30_000);
        return performance.now() - sent;
      };
      for (const [i, question] of questions.slice(0, 30).entries()) await ask(question, i);
      const times: number[] = [];
      for (const [i, question] of questions.entries()) times.push(await ask(question, i));
      rows.push({
        processes,
        warmStartMs: Math.round(warmStartMs),
        rssPerProcessMb: answering.map(rssMb),
        ...(processes > 1 ? { managerRssMb: rssMb(pid) } : {}),
        askP50Ms: Math.round(median(times) * 100) / 100,
        askP99Ms: Math.round(percentile(times, 0.99) * 100) / 100,
        questions: times.length,
      });
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
      await fake.close();
    }
  }

  const lines = [
    `${shardCount} gateway shards, ${Number(args.copies) * 2225} articles (index saved beforehand), /ask over the loopback gateway: ${rows[0]?.questions} news questions after 30 warm-up ones`,
    '',
    'processes   warm start   RSS per answering process (MB)   manager RSS   ask p50    ask p99',
    ...rows.map(
      (r) =>
        `${String(r.processes).padEnd(11)} ${`${(r.warmStartMs / 1000).toFixed(1)} s`.padStart(10)}   ${r.rssPerProcessMb.join(', ').padEnd(32)} ${(r.managerRssMb === undefined ? '—' : `${r.managerRssMb} MB`).padStart(11)}   ${`${r.askP50Ms} ms`.padStart(8)}   ${`${r.askP99Ms} ms`.padStart(8)}`,
    ),
    '',
    '1 process (all shards inside it) is the baseline; latency includes the loopback gateway and REST round trip.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(rows, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
