import { scan } from '../../src/index.js';
import { removeDir, testdir } from './testdir.js';

/** Scans a throw-away project made of the given files; returns the sites in a compact, comparable form. */
export async function scanFiles(files: Record<string, string>) {
  const dir = testdir(files);
  try {
    const result = await scan({ paths: [dir], cwd: dir });
    return {
      sites: result.sites.map((s) => {
        const compact: Record<string, unknown> = { at: `${s.file}:${s.line}:${s.column}`, kind: s.kind };
        if (s.api) compact.api = s.api;
        if (s.model) compact.model = s.model;
        if (s.features.length) compact.features = s.features;
        if (s.sdk !== 'openai') compact.sdk = s.sdk;
        if (s.confidence !== 'certain') compact.confidence = s.confidence;
        if (s.kind === 'import' || s.kind === 'client' || s.kind === 'env') compact.name = s.name;
        if (s.options !== undefined) compact.options = s.options;
        return compact;
      }),
      skipped: result.skipped,
      filesScanned: result.filesScanned,
    };
  } finally {
    removeDir(dir);
  }
}

/** Only the sites of one kind. */
export async function sitesOfKind(kind: string, files: Record<string, string>) {
  return (await scanFiles(files)).sites.filter((s) => s.kind === kind);
}
