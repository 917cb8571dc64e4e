import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers.js';

describe('installProcessHandlers', () => {
  it('logs an unhandled rejection with its stack and keeps the process running', async () => {
    const script = `
      import { createLogger } from './src/createLogger.ts';
      import { installProcessHandlers } from './src/installProcessHandlers.ts';
      installProcessHandlers(createLogger('info', { pretty: false }));
      Promise.reject(new Error('forgotten promise'));
      setTimeout(() => { process.stdout.write('still running'); }, 200);
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: projectRoot },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toBe('still running');
    const line = JSON.parse(stderr.trim().split('\n')[0] ?? '{}');
    expect(line.msg).toBe('unhandled promise rejection; carrying on');
    expect(line.err.stack).toContain('forgotten promise');
  });
});
