import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { QianyiError } from '../errors.js';
import type { RouteRecord } from '../policy/route.js';
import { toPosix } from '../util/path.js';
import { excludeFromGit, gitTop, hashObjects, readBlobs } from './git.js';
import { fsyncDir, removeQuietly, removeStaleTemps, sha256, writeAtomic } from './write.js';

/**
 * `.qianyi/` at the repository root (the git top level, or the migrated folder outside git): the record of
 * each applied run, so `qianyi undo` can put the original bytes back, and the lock that keeps two runs
 * from writing at once. It is listed in .git/info/exclude, never in the user's .gitignore.
 *
 *   .qianyi/lock              the pid of the run writing now
 *   .qianyi/runs/<id>.json    one manifest per run: files, sha256 before and after, where the original is
 *   .qianyi/objects/<sha>.gz  originals of files outside git (see README "Undo")
 *
 * Originals are never copied in clear text: in a git work tree they are git blobs (`git hash-object -w`,
 * the repository's own store), referred to by id; outside git they are gzip-compressed, mode 0600, which
 * keeps keys out of grep and secret scanners but is not encryption.
 */
export const JOURNAL_DIR = '.qianyi';

export type RunStatus = 'applying' | 'applied' | 'undone';

export interface RunFile {
  /** POSIX, relative to the journal root. */
  path: string;
  /** sha256 of the bytes before and after the run. */
  before: string;
  after: string;
  /** The original bytes: a git blob in the repository at `repo` (relative to the journal root), or a compressed object here. */
  original: { blob: string; repo: string } | { object: string };
}

export interface RunManifest {
  version: 1;
  id: string;
  status: RunStatus;
  command: 'migrate';
  provider: string;
  region: string;
  /** `--route`: the capabilities this run sent to a second provider (absent in runs without, and in older records). */
  routes?: RouteRecord[];
  startedAt: string;
  finishedAt?: string;
  undoneAt?: string;
  files: RunFile[];
}

/** The folder whose `.qianyi/` records runs on `root`: the git top level, or `root` outside git. */
export function journalRootFor(root: string): string {
  return gitTop(root) ?? root;
}

/** The journal that recorded runs on `start`, looking up to the git top level; undefined when none did. */
export function findJournal(start: string): Journal | undefined {
  const top = gitTop(start);
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, JOURNAL_DIR, 'runs'))) return new Journal(dir);
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

export class Journal {
  readonly dir: string;
  private locked = false;

  constructor(readonly root: string) {
    this.dir = path.join(root, JOURNAL_DIR);
  }

  /** Creates `.qianyi/` (keeping it out of git status) and takes the lock; rolls back a run a killed process left half done. */
  static lock(root: string): { journal: Journal; recovered: string[] } {
    const journal = new Journal(root);
    try {
      mkdirSync(path.join(journal.dir, 'runs'), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new QianyiError(`cannot create ${journal.dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): qianyi records each run there so that it can be undone; nothing was written`);
    }
    const top = gitTop(root);
    if (top) excludeFromGit(top, `/${toPosix(path.relative(top, journal.dir))}/`);
    journal.takeLock();
    try {
      return { journal, recovered: journal.recover() };
    } catch (error) {
      journal.unlock();
      throw error;
    }
  }

  private get lockFile(): string {
    return path.join(this.dir, 'lock');
  }

  private takeLock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockFile, 'wx', 0o600);
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        this.locked = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = Number(readText(this.lockFile)?.trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new QianyiError(`another qianyi run (pid ${pid}) is running on ${this.root}: wait for it to end, then run again`);
      }
      removeQuietly(this.lockFile); // its process is gone: the run it left is rolled back below
    }
    throw new QianyiError(`cannot take the lock ${this.lockFile}: another qianyi run is starting`);
  }

  unlock(): void {
    if (this.locked) removeQuietly(this.lockFile);
    this.locked = false;
  }

  /** Unlocks, and removes `.qianyi/` again when no run was recorded in it. */
  release(): void {
    this.unlock();
    for (const dir of [path.join(this.dir, 'runs'), this.dir]) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty: runs are recorded
      }
    }
  }

  newRunId(): string {
    return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${process.pid}`;
  }

  /** Every recorded run, oldest first. */
  runs(): RunManifest[] {
    const dir = path.join(this.dir, 'runs');
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const runs: RunManifest[] = [];
    for (const name of names.sort()) {
      try {
        runs.push(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as RunManifest);
      } catch {
        // a manifest that does not parse records nothing we could restore
      }
    }
    return runs;
  }

  save(run: RunManifest): void {
    const file = this.manifestFile(run.id);
    writeAtomic(file, Buffer.from(`${JSON.stringify(run, null, 2)}\n`), run.id, 0o600);
    fsyncDir(path.dirname(file));
  }

  forget(run: RunManifest): void {
    removeQuietly(this.manifestFile(run.id));
    this.pruneObjects();
  }

  private manifestFile(id: string): string {
    return path.join(this.dir, 'runs', `${id}.json`);
  }

  /** Path of a file of a run, from the journal root. */
  resolve(file: RunFile): string {
    return path.resolve(this.root, file.path);
  }

  relative(file: string): string {
    return toPosix(path.relative(this.root, file));
  }

  /** Records where the original bytes of `files` can be found again, before they are replaced. */
  storeOriginals(files: Array<{ file: string; bytes: Buffer }>): Array<RunFile['original']> {
    const originals: Array<RunFile['original'] | undefined> = files.map(() => undefined);
    const byRepo = new Map<string, number[]>();
    files.forEach(({ file }, i) => {
      const top = gitTop(path.dirname(file));
      if (!top) return;
      byRepo.set(top, [...(byRepo.get(top) ?? []), i]);
    });
    for (const [top, indexes] of byRepo) {
      const ids = hashObjects(top, indexes.map((i) => files[i]!.file));
      indexes.forEach((i, k) => (originals[i] = { blob: ids[k]!, repo: toPosix(path.relative(this.root, top)) || '.' }));
    }
    files.forEach(({ bytes }, i) => {
      if (originals[i]) return;
      const name = `${sha256(bytes)}.gz`;
      const file = path.join(this.dir, 'objects', name);
      if (!existsSync(file)) {
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        writeFileSynced(file, gzipSync(bytes));
      }
      originals[i] = { object: `objects/${name}` };
    });
    return originals as Array<RunFile['original']>;
  }

  /** The original bytes of a run's files, checked against their recorded hash; a missing one is absent. */
  originals(files: RunFile[]): Map<RunFile, Buffer> {
    const found = new Map<RunFile, Buffer>();
    const byRepo = new Map<string, RunFile[]>();
    for (const file of files) {
      if ('blob' in file.original) byRepo.set(file.original.repo, [...(byRepo.get(file.original.repo) ?? []), file]);
      else {
        try {
          found.set(file, gunzipSync(readFileSync(path.join(this.dir, file.original.object))));
        } catch {
          // missing or damaged: reported by the caller
        }
      }
    }
    for (const [repo, group] of byRepo) {
      const blobs = readBlobs(path.resolve(this.root, repo), group.map((f) => (f.original as { blob: string }).blob));
      for (const f of group) {
        const bytes = blobs.get((f.original as { blob: string }).blob);
        if (bytes) found.set(f, bytes);
      }
    }
    for (const [file, bytes] of found) if (sha256(bytes) !== file.before) found.delete(file);
    return found;
  }

  /**
   * A run whose process was killed (its manifest still says "applying") is rolled back: its temporaries are
   * removed and every file it already replaced gets its original bytes, so the tree is as before that run
   * and the new run starts clean. A file edited since is left alone and named.
   */
  private recover(): string[] {
    const messages: string[] = [];
    removeStaleTemps([path.join(this.dir, 'runs')]);
    for (const run of this.runs()) {
      if (run.status !== 'applying') continue;
      removeStaleTemps(run.files.map((f) => path.dirname(this.resolve(f))));
      const replaced = run.files.filter((f) => f.after !== f.before && hashOf(this.resolve(f)) === f.after);
      const originals = this.originals(replaced);
      let restored = 0;
      const kept: string[] = [];
      for (const f of replaced) {
        const bytes = originals.get(f);
        if (!bytes) {
          kept.push(f.path);
          continue;
        }
        writeAtomic(this.resolve(f), bytes, this.newRunId());
        restored++;
      }
      for (const f of run.files) {
        const now = hashOf(this.resolve(f));
        if (now !== f.before && now !== f.after) kept.push(f.path);
      }
      this.forget(run);
      messages.push(
        `an interrupted run (${run.id}) was rolled back: ${restored} file${restored === 1 ? '' : 's'} restored` +
          (kept.length > 0 ? `; left as found: ${kept.join(', ')}` : ''),
      );
    }
    if (messages.length === 0) this.pruneObjects();
    return messages;
  }

  /** Removes stored originals no manifest still needs (undone and rolled-back runs need none). */
  pruneObjects(): void {
    const dir = path.join(this.dir, 'objects');
    if (!existsSync(dir)) return;
    const needed = new Set(
      this.runs().filter((r) => r.status !== 'undone').flatMap((r) => r.files.flatMap((f) => ('object' in f.original ? [path.basename(f.original.object)] : []))),
    );
    for (const name of readdirSync(dir)) if (!needed.has(name)) removeQuietly(path.join(dir, name));
  }
}

function hashOf(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeFileSynced(file: string, bytes: Buffer): void {
  const temp = `${file}.${process.pid}.part`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
