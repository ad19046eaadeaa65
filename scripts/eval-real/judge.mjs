// Judges qianyi's scan and migration of one corpus repo against the labels written for it
// (eval/real/labels/<name>.json; the vocabulary is in eval/real/README.md). Pure functions: no I/O.
import { diffLines } from 'diff';

export const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const MARKER = /(?:TODO\(qianyi\)|\bqianyi:)/;
const COMMENT_ONLY = /^\s*(?:\/\/|\/\*|\*|\{\s*\/\*)/;

/** The expectation of a label for one provider: 'repoint' | 'map model' | 'leave' | 'mark' | 'any', plus its text. */
export function expectation(label, provider) {
  const text = typeof label.expect === 'string' ? label.expect : (label.expect[provider] ?? label.expect.default ?? 'any');
  return { verb: text.split(':')[0].trim(), text };
}

/** Does the label cover line `line` of `file`? Ranges are inclusive; line 0 means the whole file, a trailing '/' a folder. */
function covers(label, file, line) {
  if (label.file.endsWith('/')) return file.startsWith(label.file);
  if (label.file !== file) return false;
  if (label.line === 0) return true;
  return line >= label.line && line <= (label.end ?? label.line);
}

function span(label) {
  if (label.file.endsWith('/')) return Number.MAX_SAFE_INTEGER;
  if (label.line === 0) return Number.MAX_SAFE_INTEGER - 1;
  return (label.end ?? label.line) - label.line;
}

/** The labels covering a line, most specific first. */
export function labelsAt(labels, file, line) {
  return labels.filter((l) => covers(l, file, line)).sort((a, b) => span(a) - span(b));
}

const KINDS = {
  client: ['client'],
  call: ['call'],
  model: ['model'],
  env: ['env'],
  key: ['env'],
  endpoint: ['client', 'call', 'model', 'env'],
};

function compatible(label, site) {
  return (KINDS[label.what] ?? []).includes(site.kind);
}

/**
 * Scan sites against labels. Imports are not judged (every file that uses the SDK has one).
 * A site counts for precision when it falls on a label the labels allow to be reported (site true or
 * 'optional'); a site on a `site: false` label is a reported look-alike; a site on no label is unlabelled.
 */
export function judgeScan(sites, labels) {
  const judged = sites.filter((s) => s.kind !== 'import');
  const found = new Set();
  const lookalikes = [];
  const unlabelled = [];
  let good = 0;
  for (const site of judged) {
    const here = labelsAt(labels, site.file, site.line).filter((l) => compatible(l, site));
    const allowed = here.filter((l) => l.site !== false);
    if (allowed.length > 0) {
      good += 1;
      for (const l of allowed) found.add(l);
    } else if (here.length > 0) {
      lookalikes.push({ site, label: here[0] });
    } else {
      unlabelled.push(site);
    }
  }
  // A model literal written inline in a call is reported on the call site (its `model` field).
  for (const site of judged) {
    if (site.kind !== 'call' || !site.model) continue;
    const call = labelsAt(labels, site.file, site.line).find((l) => l.what === 'call');
    if (!call) continue;
    for (const l of labels) if (l.what === 'model' && l.file === site.file && covers(call, l.file, l.line)) found.add(l);
  }
  const required = labels.filter((l) => l.site === true);
  const missed = required.filter((l) => !found.has(l));
  return {
    sites: judged.length,
    required: required.length,
    recall: required.length === 0 ? null : (required.length - missed.length) / required.length,
    precision: judged.length === 0 ? null : good / judged.length,
    missed,
    lookalikes,
    unlabelled,
  };
}

const splitLines = (text) => {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

const stripMarker = (line) => line.replace(/\s*(?:\/\/|\/\*|\{\/\*).*(?:TODO\(qianyi\)|qianyi:).*$/, '').trimEnd();

/**
 * What a migration did to one file, in the original's line numbers: `changed` lines (modified or
 * deleted), `inserted` code lines (anchored to the original line they precede), and `markers` (inserted
 * or appended `TODO(qianyi)` / `qianyi:` comments, which are reports, not edits).
 */
export function fileChanges(before, after) {
  const changed = [];
  const inserted = [];
  const markers = [];
  let line = 1;
  let pendingRemoved = [];
  const flushRemoved = (added) => {
    // A removed line that comes back with only a marker comment appended is a marker, not an edit.
    const addedLeft = [...added];
    const replaced = [];
    for (const r of pendingRemoved) {
      const i = addedLeft.findIndex((a) => MARKER.test(a.text) && stripMarker(a.text) === r.text.trimEnd());
      if (i >= 0) {
        markers.push({ line: r.line, text: addedLeft[i].text.trim() });
        addedLeft.splice(i, 1);
      } else replaced.push(r);
    }
    // Each remaining removed line is a changed line; its replacement (the next added code line) is not
    // counted again as an insertion.
    for (const r of replaced) {
      changed.push({ line: r.line, before: r.text });
      const i = addedLeft.findIndex((a) => !(MARKER.test(a.text) && COMMENT_ONLY.test(a.text)));
      if (i >= 0) addedLeft.splice(i, 1);
    }
    pendingRemoved = [];
    return addedLeft;
  };
  for (const part of diffLines(before, after)) {
    const lines = splitLines(part.value);
    if (part.removed) {
      for (const text of lines) pendingRemoved.push({ line: line++, text });
    } else if (part.added) {
      const anchor = line;
      const rest = flushRemoved(lines.map((text) => ({ text })));
      for (const { text } of rest) {
        if (MARKER.test(text) && COMMENT_ONLY.test(text)) markers.push({ line: anchor, text: text.trim() });
        else if (text.trim() !== '') inserted.push({ line: anchor, text });
      }
    } else {
      flushRemoved([]);
      line += lines.length;
    }
  }
  flushRemoved([]);
  return { changed, inserted, markers };
}

const ENDPOINT = new Set(['client', 'endpoint']);
const PAYLOAD = new Set(['model', 'key', 'env']);

/** The label an edit at `line` belongs to: the most specific covering label, else the one covering the line above. */
function owner(labels, file, line) {
  return labelsAt(labels, file, line)[0] ?? labelsAt(labels, file, line - 1)[0] ?? null;
}

/**
 * Edits against labels for one provider. `changes` maps file → fileChanges(); `report` is the
 * `migrate --format json` document (its manual/review items count as marks).
 */
export function judgeEdits(changes, labels, provider, report) {
  const touched = new Map(); // label → edits
  const marked = new Set();
  const unlabelled = [];
  for (const [file, { changed, inserted, markers }] of changes) {
    for (const edit of [...changed.map((c) => ({ ...c, how: 'changed' })), ...inserted.map((i) => ({ ...i, how: 'inserted' }))]) {
      const label = edit.how === 'changed' ? labelsAt(labels, file, edit.line)[0] : owner(labels, file, edit.line);
      if (!label) unlabelled.push({ file, ...edit });
      else touched.set(label, [...(touched.get(label) ?? []), { file, ...edit }]);
    }
    for (const m of markers) {
      const label = labelsAt(labels, file, m.line)[0] ?? owner(labels, file, m.line + 1);
      if (label) marked.add(label);
    }
  }
  for (const item of [...(report?.manual ?? []), ...(report?.review ?? [])]) {
    for (const label of labelsAt(labels, item.file, item.line)) marked.add(label);
  }
  const wrong = [];
  const missed = [];
  const unmarked = [];
  const sameRequest = (label) => (label.request ? labels.filter((l) => l.request === label.request) : [label]);
  for (const label of labels) {
    const { verb, text } = expectation(label, provider);
    const edits = touched.get(label) ?? [];
    if ((verb === 'leave' || verb === 'mark') && edits.length > 0) wrong.push({ label, text, edits });
    // A call moves with its client: 'repoint' on a call needs no edit of its own. A client counts as
    // re-pointed when any endpoint of its request moved (the v3 SDK's Configuration + OpenAIApi pair).
    const moved = ENDPOINT.has(label.what)
      ? sameRequest(label).some((l) => ENDPOINT.has(l.what) && (touched.get(l) ?? []).length > 0)
      : edits.length > 0;
    if ((verb === 'repoint' || verb === 'map model') && label.what !== 'call' && !moved) missed.push({ label, text });
    // Manual work is reported when the site, or another site of the same request, is in the report or marked.
    if (verb === 'mark' && label.site !== false && !sameRequest(label).some((l) => marked.has(l))) unmarked.push({ label, text });
  }
  return { wrong, missed, unmarked, unlabelled, mixed: mixedRequests(labels, touched, provider) };
}

/**
 * A request (labels sharing `request`) is mixed when its endpoint moved but a model/key the labels say
 * must move with it did not, or when a model/key moved while its endpoint stayed.
 */
export function mixedRequests(labels, touched, provider) {
  const groups = new Map();
  for (const label of labels) if (label.request) groups.set(label.request, [...(groups.get(label.request) ?? []), label]);
  const mixed = [];
  for (const [request, group] of groups) {
    const ends = group.filter((l) => ENDPOINT.has(l.what));
    const payload = group.filter((l) => PAYLOAD.has(l.what));
    if (ends.length === 0 || payload.length === 0) continue;
    const moved = (l) => (touched.get(l) ?? []).length > 0;
    const endpointMoved = ends.some(moved);
    const stayed = payload.filter((l) => ['repoint', 'map model'].includes(expectation(l, provider).verb) && !moved(l));
    const movedAlone = payload.filter(moved);
    if (endpointMoved && stayed.length > 0) mixed.push({ request, why: 'endpoint moved, OpenAI model/key stayed', labels: stayed });
    else if (!endpointMoved && movedAlone.length > 0) mixed.push({ request, why: 'model/key moved, OpenAI endpoint stayed', labels: movedAlone });
  }
  return mixed;
}

/**
 * Mixed requests the labels may not know of, read from the migrated text alone: a code file that now
 * names the provider's key env var and still names an OpenAI host (api.openai.com), where the original
 * named the host but not the provider's key.
 */
export function textMixed(file, before, after, providerKeyEnv) {
  const host = /api\.openai\.com/;
  // A marker naming the provider's key (`// TODO(qianyi): ... ZHIPUAI_API_KEY ...`) is a report, not code.
  const code = (text) => text.split('\n').filter((l) => !/^\s*\/\/\s*(TODO\(qianyi\)|qianyi):/.test(l)).join('\n');
  const a = code(after);
  if (!host.test(a) || !a.includes(providerKeyEnv) || before.includes(providerKeyEnv)) return null;
  return { file, why: `names ${providerKeyEnv} and still sends to api.openai.com` };
}
