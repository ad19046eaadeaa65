// Brings one corpus repo out of its local git snapshot (a bare mirror) at its pinned commit into a folder.
// `git archive` stops at the first absent blob, and snapshots lack their largest files, so the tree is
// listed with ls-tree and read with one `cat-file --batch`; absent blobs are counted and skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const MAX_BUFFER = 1 << 30;

/** The bare git dir of a `github:owner/name` source under the mirror root, or null when there is none. */
export function mirrorDir(mirrorRoot, source) {
  const slug = source.replace(/^github:/, '').replace('/', '+');
  for (const candidate of [path.join(mirrorRoot, slug, 'repo'), path.join(mirrorRoot, slug)]) {
    if (fs.existsSync(path.join(candidate, 'HEAD'))) return candidate;
  }
  return null;
}

function git(gitDir, args, input) {
  return spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: MAX_BUFFER });
}

/**
 * Writes the tree of `commit` into `dest`. Returns { ok: true, files, absent } or { ok: false, reason }.
 * Symlinks and submodules are skipped (a corpus tree is read, never built).
 */
export function extract(gitDir, commit, dest) {
  const hasCommit = git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]);
  if (hasCommit.status !== 0) return { ok: false, reason: `commit ${commit} is not in the snapshot` };
  const listing = git(gitDir, ['ls-tree', '-r', '-z', commit]);
  if (listing.status !== 0) return { ok: false, reason: `ls-tree failed: ${listing.stderr.toString().trim()}` };
  const entries = [];
  for (const record of listing.stdout.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha] = record.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === '120000') continue;
    entries.push({ mode, sha, file: record.slice(tab + 1) });
  }
  const batch = git(gitDir, ['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  if (batch.status !== 0) return { ok: false, reason: `cat-file failed: ${batch.stderr.toString().trim()}` };
  const out = batch.stdout;
  let offset = 0;
  let files = 0;
  let absent = 0;
  for (const entry of entries) {
    const eol = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, eol).toString('utf8');
    offset = eol + 1;
    if (header.endsWith(' missing')) {
      absent += 1;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const body = out.subarray(offset, offset + size);
    offset += size + 1;
    const target = path.join(dest, entry.file);
    if (!target.startsWith(dest + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, body, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
    files += 1;
  }
  return { ok: true, files, absent };
}
