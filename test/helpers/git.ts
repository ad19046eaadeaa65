import { spawnSync } from 'node:child_process';
import { copyFixture } from './testdir.js';

/** Makes `dir` a git repository with everything committed. */
export function gitInit(dir: string): void {
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'init');
}

/** A committed git repository holding a copy of `fixture`; its path is added to `temps` for clean-up. */
export function fixtureRepo(fixture: string, temps: string[]): string {
  const dir = copyFixture(fixture);
  temps.push(dir);
  gitInit(dir);
  return dir;
}
