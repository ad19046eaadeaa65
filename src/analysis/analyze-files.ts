import path from 'node:path';
import { collectNodes } from '../sources/openai/detectors/index.js';
import { fileDetection, MODELLED_SOURCES } from '../sources/index.js';
import type { ModelOwner, SiteDraft } from '../sources/source.js';
import { toPosix } from '../util/path.js';
import type { Candidate } from '../collect/collect.js';
import { ModuleResolver } from './typescript/modules.js';
import { firstSyntaxError, Parser, type ts } from './typescript/parse.js';
import { compareSites } from '../scan/site-order.js';
import type { Site, SkippedFile } from '../scan/sites.js';
import { Evaluator } from './typescript/evaluator.js';

/** One parsed candidate file, for the stages after detection (plan, apply). */
export interface AnalyzedFile extends Candidate {
  sf: ts.SourceFile;
  sites: Site[];
  /** Other files (absolute) its sites were derived from: modules it imports from, tsconfig files. */
  deps: string[];
  /** The type checker decided some of its sites (their result also depends on installed packages). */
  typeChecked?: boolean;
}

/**
 * Trees parsed while the files were still being collected (scan.ts feeds it candidates as the collecting
 * threads find them); `analyzeFiles` parses only the rest.
 */
export class Preparsed {
  readonly parser = new Parser();
  readonly trees = new Map<string, ts.SourceFile>();
  ms = 0;

  add(candidate: Candidate): void {
    const started = performance.now();
    this.trees.set(candidate.file, this.parser.parse(candidate.file, candidate.text));
    this.ms += performance.now() - started;
  }
}

/**
 * parse → detect over the candidate files, then the type checker for the calls syntax could not decide.
 * This module (and so the parser) is loaded only when a scan runs.
 */
export async function analyzeFiles(
  root: string,
  candidates: Candidate[],
  options: { types: boolean; onParsed?: (done: number, total: number) => void; preparsed?: Preparsed },
) {
  let last = performance.now();
  const parser = options.preparsed?.parser ?? new Parser();
  const skipped: SkippedFile[] = [];
  const files: AnalyzedFile[] = [];
  for (const candidate of candidates) {
    const sf = options.preparsed?.trees.get(candidate.file) ?? parser.parse(candidate.file, candidate.text);
    const error = firstSyntaxError(sf);
    if (error) skipped.push({ file: candidate.rel, reason: error });
    else files.push({ ...candidate, sf, sites: [], deps: [] });
    options.onParsed?.(files.length, candidates.length);
  }
  const parseMs = Math.round(performance.now() - last + (options.preparsed?.ms ?? 0));
  last = performance.now();

  const evaluator = new Evaluator(parser, new ModuleResolver(root), MODELLED_SOURCES);
  const siteId = (node: ts.Node, kind: Site['kind']): string => {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${toPosix(path.relative(root, sf.fileName))}:${line + 1}:${character + 1}:${kind}`;
  };
  const sites: Site[] = [];
  // Model literals a source's site reads through a constant, in any file: the model detector (which runs once
  // every file's other detectors have) reports them under that source.
  const modelOwners = new Map<ts.Node, ModelOwner>();
  const detections = files.map((file) => {
    const { rel, sf } = file;
    const report = (node: ts.Node, draft: SiteDraft): void => {
      const start = node.getStart(sf);
      const { line, character } = sf.getLineAndCharacterOfPosition(start);
      file.sites.push(makeSite(rel, line + 1, character + 1, start, node.getEnd(), draft));
    };
    const detection = fileDetection({ sf, nodes: collectNodes(sf), evaluator, modelOwners, report, siteId });
    return { file, detection, deps: evaluator.track(detection.first).deps };
  });
  for (const { file, detection, deps } of detections) {
    for (const dep of evaluator.track(detection.last).deps) deps.add(dep);
    for (const [node, owner] of modelOwners) if (node.getSourceFile() === file.sf) deps.add(owner.by);
    deps.delete(file.file);
    file.deps = [...deps].sort();
    file.sites.sort(compareSites);
    sites.push(...file.sites);
  }
  const detectMs = Math.round(performance.now() - last);
  last = performance.now();
  let typesMs = 0;
  if (options.types && sites.some((s) => s.kind === 'call' && s.confidence === 'likely')) {
    // ts-morph, which the checker runs on, from its code cache as well (a scan preloads only the parser).
    (await import('./typescript/compiler-cache.js')).preloadCompiler();
    const { checkLikelyCalls } = await import('./typescript/typecheck.js');
    const verdicts = checkLikelyCalls(root, files);
    for (const file of files) {
      if (!file.sites.some((s) => verdicts.has(s))) continue;
      file.typeChecked = true;
      file.sites = file.sites.filter((s) => verdicts.get(s) !== 'other');
      for (const site of file.sites) if (verdicts.get(site) === 'openai') site.confidence = 'certain';
    }
    sites.splice(0, sites.length, ...files.flatMap((f) => f.sites));
    typesMs = Math.round(performance.now() - last);
  }
  sites.sort(compareSites);
  return { files, sites, skipped, evaluator, phases: { parse: parseMs, detect: detectMs, types: typesMs } };
}

function makeSite(file: string, line: number, column: number, start: number, end: number, draft: SiteDraft): Site {
  const site: Site = {
    id: `${file}:${line}:${column}:${draft.kind}`,
    file,
    line,
    column,
    kind: draft.kind,
    sdk: draft.sdk,
    api: draft.api,
    model: draft.model,
    features: draft.features,
    confidence: draft.confidence,
    name: draft.name,
    start,
    end,
  };
  if (draft.options !== undefined) site.options = draft.options;
  if (draft.toolChoice !== undefined) site.toolChoice = draft.toolChoice;
  if (draft.request !== undefined) site.request = draft.request;
  if (draft.modelAt !== undefined) site.modelAt = draft.modelAt;
  if (draft.params !== undefined) site.params = draft.params;
  if (draft.adapt !== undefined) site.adapt = draft.adapt;
  if (draft.option !== undefined) site.option = draft.option;
  if (draft.endpoint !== undefined) site.endpoint = draft.endpoint;
  if (draft.host !== undefined) site.host = draft.host;
  if (draft.keyFrom !== undefined) site.keyFrom = draft.keyFrom;
  if (draft.modelSite !== undefined) site.modelSite = draft.modelSite;
  if (draft.clientSite !== undefined) site.clientSite = draft.clientSite;
  if (draft.readBy !== undefined) site.readBy = draft.readBy;
  if (draft.typedAs !== undefined) site.typedAs = draft.typedAs;
  if (draft.rawHttp !== undefined) site.rawHttp = draft.rawHttp;
  if (draft.nameFrom !== undefined) site.nameFrom = draft.nameFrom;
  if (draft.provider !== undefined) site.provider = draft.provider;
  if (draft.usedElsewhere !== undefined) site.usedElsewhere = draft.usedElsewhere;
  if (draft.aiMajor !== undefined) site.aiMajor = draft.aiMajor;
  if (draft.held !== undefined) site.held = draft.held;
  if (draft.parts !== undefined) site.parts = draft.parts;
  return site;
}
