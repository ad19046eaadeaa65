import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, CACHE_HOME } from './exec.js';

/**
 * Runs the CLI in a real pseudo-terminal (util-linux `script`), so prompts see a TTY, and lets a test wait
 * for text on the screen and type keys, as a person would.
 */
export class Terminal {
  private output = '';
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;

  constructor(args: string[], cwd: string) {
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '200', LINES: '60', XDG_CACHE_HOME: CACHE_HOME };
    delete env.CI;
    delete env.GITHUB_ACTIONS;
    this.child = spawn('script', ['-qfec', `stty cols 200 rows 60; ${quoted}`, '/dev/null'], { cwd, env });
    this.child.stdout.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    this.child.stderr.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** The screen output so far, without terminal control sequences. */
  get text(): string {
    return this.output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  }

  /** Waits until the output (after `from`) matches; returns the index just after the match. */
  async waitFor(pattern: RegExp | string, from = 0, timeoutMs = 20_000): Promise<number> {
    const started = Date.now();
    for (;;) {
      const text = this.text.slice(from);
      const index = typeof pattern === 'string' ? text.indexOf(pattern) : text.search(pattern);
      if (index !== -1) return from + index + 1;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${this.text.slice(-3000)}`);
      if (this.child.exitCode !== null) throw new Error(`exited (${this.child.exitCode}) before ${String(pattern)}; screen:\n${this.text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Types keys: text as is; `\r` is Enter, `\x1b[B` the down arrow, `\x03` Ctrl-C. */
  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  kill(): void {
    this.child.kill();
  }
}

export const KEY = { enter: '\r', down: '\x1b[B', ctrlC: '\x03' } as const;
