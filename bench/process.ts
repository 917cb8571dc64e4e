/**
 * `npm run bench:process`: what a script pays for one CLI call, the whole process from start
 * to exit, timed by hyperfine (warm-up runs, then medians). Beside each figure, in the same
 * run: Node starting and doing nothing, and the CLI as it was before it was compiled and
 * reused the saved index (tsx, index rebuilt). Needs `npm run build` (done by `npm ci`) and
 * hyperfine (`apt-get install hyperfine`); writes bench/results/process.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { replicateBbc } from './lib/replicateBbc.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    runs: { type: 'string', default: '20' },
    out: { type: 'string', default: path.join(root, 'bench/results/process.json') },
  },
});

if (spawnSync('hyperfine', ['--version']).status !== 0) {
  process.stderr.write('bench:process needs hyperfine: apt-get install hyperfine\n');
  process.exit(1);
}
if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) {
  process.stderr.write('bench:process times the compiled CLI: run npm run build first\n');
  process.exit(1);
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-process-'));
const cacheDir = path.join(work, 'cache');
const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

interface Timing {
  label: string;
  command: string;
  medianMs: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

/** Times shell commands with hyperfine; returns medians and spread in milliseconds. */
async function timings(
  commands: [label: string, command: string][],
  runs: number,
): Promise<Timing[]> {
  const json = path.join(work, 'hyperfine.json');
  const run = spawnSync(
    'hyperfine',
    [
      ...['--warmup', '2', '--runs', String(runs), '--style', 'none', '--export-json', json],
      ...commands.flatMap(([label, command]) => ['--command-name', label, command]),
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CACHE_DIR: cacheDir } },
  );
  if (run.status !== 0) throw new Error(`hyperfine failed: ${run.stderr.trim().split('\n')[0]}`);
  const { results } = JSON.parse(await readFile(json, 'utf8')) as {
    results: { median: number; mean: number; min: number; max: number; times: number[] }[];
  };
  return results.map((r, i) => ({
    label: commands[i]?.[0] ?? '',
    command: commands[i]?.[1] ?? '',
    medianMs: r.median * 1000,
    meanMs: r.mean * 1000,
    minMs: r.min * 1000,
    maxMs: r.max * 1000,
    runs: r.times.length,
  }));
}

try {
  const runs = Number(args.runs);
  const seedQuestion = quote('How many ballistic missiles were launched?');
  const bbcQuestion = quote('How many subscribers did AOL lose in the fourth quarter?');
  process.stderr.write('copying BBC News ten times…\n');
  const x10 = await replicateBbc(path.join(args.data, 'bbc-news-summary/articles'), 10, work);
  const cli = 'node dist/src/cli/main.js';
  // Save both indexes first, so the timed calls are the warm starts a script's calls are.
  for (const seeds of ['seeds', x10]) {
    spawnSync('node', ['dist/src/cli/main.js', 'ask', '--seeds', seeds, 'warm up'], {
      cwd: root,
      env: { ...process.env, CACHE_DIR: cacheDir },
    });
  }
  process.stderr.write('timing the seed…\n');
  const seed = await timings(
    [
      ['node -e 0 (baseline)', 'node -e 0'],
      ['cli, saved index', `${cli} ask ${seedQuestion}`],
      ['npm run cli, saved index', `npm run --silent cli -- ask ${seedQuestion}`],
      [
        'tsx cli, rebuilt (baseline)',
        `node --import tsx src/cli/main.ts --no-cache ask ${seedQuestion}`,
      ],
    ],
    runs,
  );
  process.stderr.write('timing BBC x10 (22,250 articles)…\n');
  const bbc = await timings(
    [
      ['cli, saved index', `${cli} ask --seeds ${quote(x10)} ${bbcQuestion}`],
      [
        'npm run cli, saved index',
        `npm run --silent cli -- ask --seeds ${quote(x10)} ${bbcQuestion}`,
      ],
    ],
    Math.max(5, Math.round(runs / 2)),
  );
  const rebuilt = await timings(
    [['cli, rebuilt (baseline)', `${cli} ask --no-cache --seeds ${quote(x10)} ${bbcQuestion}`]],
    3,
  );

  const rows = [
    ...seed.map((t) => ({ corpus: 'seed', ...t })),
    ...[...bbc, ...rebuilt].map((t) => ({ corpus: 'BBC x10', ...t })),
  ];
  const ms = (value: number) => value.toFixed(0).padStart(8);
  process.stdout.write(
    `Whole process, one question (hyperfine, 2 warm-up runs; ms)\n${'corpus'.padEnd(9)}${'command'.padEnd(30)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}  runs\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.corpus.padEnd(9)}${r.label.padEnd(30)}${ms(r.medianMs)}${ms(r.minMs)}${ms(r.maxMs)}  ${r.runs}\n`,
    );
  }
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(
    args.out,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
