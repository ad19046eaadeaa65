// Generates the synthetic monorepo for `npm run bench`: deterministic for a given (GENERATOR_VERSION, seed,
// file count). See scripts/bench.mjs for what is measured.
//
// Layout: packages/<pkg>/{src/..., scripts/, config files}, root config, .gitignore files (root and nested)
// that ignore build output which is also populated (dist/, .next/, coverage/, generated/, *.gen.ts, lib/,
// storybook-static/, public/sw.js), and a small node_modules/. The directory is made a git repository of its
// own (`git init`) so that ignore rules of any enclosing repository (this one ignores .bench/) do not apply.
//
// "Source files" are the files qianyi is expected to read: .ts .tsx .mts .cts .js .jsx .mjs .cjs outside
// ignored paths, except .d.ts and .min.js. Exactly `files` of them are written; they are listed in the
// manifest, from which .bench/files.txt is derived.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  arrowBlock, camel, cap, classBlock, componentBlock, configFile, constBlock, expressRouteBlock,
  functionBlock, hookBlock, interfaceBlock, makeContext, middlewareBlock, nextRouteBlock, noun, pascal,
  reducerBlock, sentence, testFileBody, typeAliasBlock,
} from './code.mjs';
import { createRng, hash32 } from './rng.mjs';
import {
  NOISE_PLAIN, OTHER_SDKS, importLine, mention, noise, openaiClientModule,
  openaiRole, otherSdk,
} from './snippets.mjs';
import { EXTERNAL_IMPORTS_TS, NOUNS, REACT_IMPORTS, STRINGS, VERBS } from './words.mjs';
import { FRAMEWORK_ROLE_KINDS, frameworkRole } from './framework-snippets.mjs';

/** Bump whenever the generated tree changes, so that stale trees are regenerated. */
export const GENERATOR_VERSION = 2;

const PACKAGE_TYPES = {
  'next-app': {
    mix: [['component', 30], ['page', 6], ['route', 8], ['hook', 7], ['util', 8], ['service', 5], ['types', 5], ['store', 3], ['constants', 4], ['script', 2]],
    tests: 0.18,
    configs: ['next.config.mjs', 'tailwind.config.js', 'postcss.config.js', '.eslintrc.cjs'],
    routeStyle: 'next',
  },
  'react-lib': {
    mix: [['component', 45], ['stories', 8], ['hook', 12], ['util', 10], ['types', 8], ['constants', 5]],
    tests: 0.2,
    configs: ['vite.config.mjs', '.eslintrc.cjs'],
  },
  'node-service': {
    mix: [['route', 14], ['service', 30], ['util', 12], ['types', 8], ['middleware', 6], ['constants', 4], ['script', 5]],
    tests: 0.22,
    configs: ['jest.config.cjs', '.eslintrc.cjs'],
    routeStyle: 'express',
  },
  lib: {
    mix: [['util', 40], ['types', 14], ['constants', 10], ['service', 10], ['script', 2]],
    tests: 0.3,
    configs: ['vitest.config.mts'],
  },
  'legacy-js': {
    mix: [['component', 30], ['util', 25], ['service', 20], ['route', 10], ['constants', 5], ['script', 5]],
    tests: 0.2,
    configs: ['babel.config.cjs', '.eslintrc.cjs'],
    routeStyle: 'express',
    lang: 'js',
  },
  cli: {
    mix: [['service', 25], ['util', 30], ['types', 8], ['constants', 5], ['script', 5]],
    tests: 0.25,
    configs: ['.eslintrc.cjs'],
  },
};

// The first packages are fixed (the AI ones among them); the rest are drawn from EXTRA_PACKAGES.
const FIXED_PACKAGES = [
  ['web', 'next-app', 0.12], ['api', 'node-service', 0.08], ['ai', 'lib', 0.012], ['ui', 'react-lib', 0.08],
  ['assistant', 'next-app', 0.05], ['search', 'node-service', 0.03], ['admin', 'next-app', 0.06],
  ['legacy-portal', 'legacy-js', 0.04],
];
const EXTRA_PACKAGES = [
  'auth', 'billing', 'analytics', 'notifications', 'email', 'payments', 'i18n', 'feature-flags', 'editor',
  'shared', 'config', 'db', 'queue', 'scheduler', 'storage', 'media', 'maps', 'reports', 'exports', 'imports',
  'audit-log', 'permissions', 'webhooks-relay', 'integrations', 'crm', 'inventory', 'checkout', 'catalog',
  'reviews', 'support', 'onboarding', 'marketing-site', 'docs-site', 'mobile-web', 'design-tokens', 'icons',
  'forms', 'tables', 'charts', 'calendar', 'chat-widget', 'status-page', 'cli', 'sdk', 'load-tests', 'e2e',
  'observability', 'rate-limit', 'cache', 'geo', 'pricing', 'tax', 'invoicing', 'ledger', 'fraud', 'kyc',
];
const EXTRA_TYPE_MIX = [['lib', 5], ['react-lib', 2], ['node-service', 3], ['next-app', 1], ['cli', 1], ['legacy-js', 0.6]];

const SIZE_MEDIAN = {
  component: 3000, page: 2500, stories: 1400, route: 2600, hook: 1900, util: 2600, service: 4200, types: 1600,
  store: 2400, constants: 1300, middleware: 1600, script: 2400, test: 3400,
};

/** Relative frequency of each way of using the SDK, and the file kinds each one fits. */
const BASE_SHARES = {
  openai: 0.01, // files that use the OpenAI SDK
  noise: 0.04, // files with prefilter noise (completions, .models, .files, ...)
  otherSdk: 0.005, // files using other LLM SDKs with look-alike APIs
  mention: 0.003, // files naming OpenAI in a comment or a provider list
};

const OPENAI_ROLE_MIX = [
  ['chat-stream', 12], ['embeddings', 10], ['route-direct', 10], ['alias-consumer', 10], ['class-service', 6],
  ['test-mock', 10], ['model-constants', 7], ['types-import', 6], ['vision', 4], ['zod-parse', 4], ['azure', 3],
  ['audio-moderation', 4], ['assistants', 3], ['dynamic-import', 2], ['script', 5], ['legacy-v3', 2],
];

/**
 * What each profile puts in the tree. `monorepo`: a large product monorepo where about 1% of the files use the
 * OpenAI SDK. `ai-heavy`: an AI product (one file in five reaches OpenAI: the SDK, LangChain or the AI SDK,
 * with shared client and provider modules), where parsing and analysis, not reading, dominate a scan.
 */
export const PROFILES = {
  monorepo: {
    shares: { ...BASE_SHARES },
    roleMix: OPENAI_ROLE_MIX,
    inAiPackages: 0.85,
    defaultFiles: 10_000,
  },
  'ai-heavy': {
    shares: { openai: 0.2, noise: 0.04, otherSdk: 0.02, mention: 0.01 },
    roleMix: [
      ...OPENAI_ROLE_MIX,
      ['langchain-chat', 22], ['langchain-embed', 6], ['ai-sdk-generate', 22], ['ai-sdk-tools', 10], ['ai-sdk-embed', 6], ['ai-sdk-provider', 4],
    ],
    inAiPackages: 0.3,
    defaultFiles: 2_500,
  },
};
const SERVICE_LIKE = ['service', 'route'];
const ROLE_KINDS = {
  'chat-stream': SERVICE_LIKE, embeddings: ['service', 'util'], 'route-direct': ['route'], 'alias-consumer': SERVICE_LIKE,
  'class-service': ['service'], 'test-mock': ['test'], 'model-constants': ['util', 'constants'], 'types-import': ['types'],
  vision: ['service'], 'zod-parse': ['service'], azure: ['service'], 'audio-moderation': ['service'],
  assistants: ['service'], 'dynamic-import': SERVICE_LIKE, script: ['script'], 'legacy-v3': ['service', 'util', 'script'],
  ...FRAMEWORK_ROLE_KINDS,
};

const IMPORTABLE = new Set(['component', 'hook', 'util', 'service', 'types', 'store', 'constants', 'middleware']);

// ------------------------------------------------------------------------------------------- planning

function planPackages(r, nSource) {
  const count = Math.max(4, Math.min(FIXED_PACKAGES.length + EXTRA_PACKAGES.length, Math.round(nSource / 250)));
  const aiCount = nSource >= 2000 ? 4 : 2;
  const pkgs = [];
  for (let i = 0; i < count; i++) {
    let name, type, weight;
    if (i < FIXED_PACKAGES.length) [name, type, weight] = FIXED_PACKAGES[i];
    else {
      name = EXTRA_PACKAGES[i - FIXED_PACKAGES.length];
      type = name === 'cli' ? 'cli' : r.weighted(EXTRA_TYPE_MIX);
      weight = 0.004 + r.next() ** 2 * 0.03;
    }
    const spec = PACKAGE_TYPES[type];
    pkgs.push({
      name, type, spec, weight, lang: spec.lang ?? 'ts', dir: `packages/${name}`, files: [], paths: new Set(),
      ai: ['api', 'ai', 'assistant', 'search'].slice(0, aiCount).includes(name),
      features: r.sample(NOUNS, r.int(3, 12)), publicExports: [], clientFile: null,
    });
  }
  // Split nSource over packages (largest remainder) in proportion to the weights.
  const total = pkgs.reduce((s, p) => s + p.weight, 0);
  const quotas = pkgs.map((p) => (nSource * p.weight) / total);
  const counts = quotas.map(Math.floor);
  let rest = nSource - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  pkgs.forEach((p, i) => (p.count = counts[i]));
  return pkgs;
}

function sizeFor(r, kind) {
  const median = SIZE_MEDIAN[kind] ?? 2500;
  const size = Math.round(median * Math.exp(r.normal() * 0.7));
  return Math.max(500, Math.min(15000, size));
}

function addFile(pkg, file) {
  pkg.paths.add(file.path);
  pkg.files.push(file);
  return file;
}

/** A path not yet used in the package: tries new random names, then appends a counter. */
function uniquePath(pkg, make) {
  for (let i = 0; i < 8; i++) {
    const p = make();
    if (!pkg.paths.has(p)) return p;
  }
  const base = make();
  const dot = base.indexOf('.', base.lastIndexOf('/'));
  for (let i = 2; ; i++) {
    const p = `${base.slice(0, dot)}${i}${base.slice(dot)}`;
    if (!pkg.paths.has(p)) return p;
  }
}

function scriptExt(r, lang) {
  return lang === 'js' ? r.weighted([['.js', 3], ['.cjs', 1], ['.mjs', 1]]) : r.weighted([['.mjs', 4], ['.ts', 3], ['.cjs', 2], ['.js', 1]]);
}

function planFile(r, pkg, kind) {
  const js = pkg.lang === 'js';
  const src = `${pkg.dir}/src`;
  const feature = r.pick(pkg.features);
  const file = { pkg, kind, size: sizeFor(r, kind), importable: IMPORTABLE.has(kind) };
  const ts = js ? '.js' : '.ts';
  switch (kind) {
    case 'component': {
      const ext = js ? '.jsx' : '.tsx';
      file.path = uniquePath(pkg, () => {
        file.exportName = pascal(r.chance(0.6) ? feature : r.pick(NOUNS), r.pick(['Card', 'List', 'Panel', 'Table', 'Row', 'Header', 'Dialog', 'Form', 'Badge', 'Menu', 'Picker', 'Summary', 'View', 'Section', 'Toolbar', 'Empty', 'Details']));
        return r.chance(0.6)
          ? `${src}/components/${pascal(feature)}/${file.exportName}${ext}`
          : `${src}/features/${feature}/components/${file.exportName}${ext}`;
      });
      file.exportKind = 'component';
      break;
    }
    case 'page':
      file.path = uniquePath(pkg, () => `${src}/app/${feature}s/${r.pick(['', '[id]/', 'new/', 'settings/', '[id]/edit/'])}${r.chance(0.85) ? 'page' : 'layout'}.tsx`);
      file.exportName = `${pascal(feature)}Page`;
      break;
    case 'stories':
      file.path = uniquePath(pkg, () => `${src}/components/${pascal(feature)}/${pascal(r.pick(NOUNS), r.pick(['Card', 'Button', 'Input', 'Modal', 'Tabs']))}.stories.tsx`);
      break;
    case 'route':
      if (pkg.spec.routeStyle === 'next') {
        file.path = uniquePath(pkg, () => `${src}/app/api/${feature}s/${r.pick(['', '[id]/', `${r.pick(NOUNS)}s/`, 'search/', 'export/'])}route.ts`);
      } else {
        file.path = uniquePath(pkg, () => `${src}/routes/${r.chance(0.3) ? `${feature}/` : ''}${r.pick(NOUNS)}s${ts}`);
      }
      break;
    case 'hook':
      file.path = uniquePath(pkg, () => {
        file.exportName = camel('use', r.chance(0.5) ? feature : r.pick(NOUNS), r.pick(['', 'State', 'Query', 'Filters', 'Selection', 'Form', 'Poller']));
        return `${src}/hooks/${file.exportName}${ts}`;
      });
      file.exportKind = 'fn';
      break;
    case 'util':
      file.path = uniquePath(pkg, () => {
        file.exportName = camel(r.pick(VERBS), r.pick(NOUNS), r.chance(0.3) ? r.pick(NOUNS) : '');
        const ext = !js && r.chance(0.03) ? '.mts' : ts;
        return `${src}/${r.pick(['utils', 'utils', 'lib', `features/${feature}/utils`, 'helpers'])}/${file.exportName}${ext}`;
      });
      file.exportKind = 'fn';
      break;
    case 'service':
      if (r.chance(0.5)) {
        file.path = uniquePath(pkg, () => {
          file.exportName = `${pascal(r.chance(0.5) ? feature : r.pick(NOUNS))}${r.pick(['Service', 'Repository', 'Client', 'Manager'])}`;
          return `${src}/${r.pick(['services', 'services', 'server', 'domain'])}/${camel(file.exportName)}${ts}`;
        });
        file.exportKind = 'class';
      } else {
        file.path = uniquePath(pkg, () => {
          file.exportName = camel(r.pick(VERBS), r.pick(NOUNS), r.chance(0.4) ? r.pick(NOUNS) : '');
          return `${src}/${r.pick(['server', 'jobs', 'workers', 'commands', 'services'])}/${feature}/${file.exportName}${ts}`;
        });
        file.exportKind = 'fn';
      }
      break;
    case 'types':
      file.path = uniquePath(pkg, () => {
        const n = r.chance(0.6) ? feature : r.pick(NOUNS);
        file.exportName = pascal(n);
        return `${src}/types/${n}${js ? '.js' : '.ts'}`;
      });
      file.exportKind = js ? 'const' : 'type';
      if (js) file.exportName = `${file.exportName.toUpperCase()}_SHAPE`;
      break;
    case 'store':
      file.path = uniquePath(pkg, () => {
        const n = r.pick(NOUNS);
        file.exportName = `${n}Slice`;
        return `${src}/store/${n}Slice${ts}`;
      });
      file.exportKind = 'const';
      break;
    case 'constants':
      file.path = uniquePath(pkg, () => {
        const n = r.pick(NOUNS);
        file.exportName = `${n.toUpperCase()}_DEFAULTS`;
        return `${src}/constants/${n}${ts}`;
      });
      file.exportKind = 'const';
      break;
    case 'middleware':
      file.path = uniquePath(pkg, () => {
        const n = r.pick(NOUNS);
        file.exportName = camel('require', n);
        return `${src}/middleware/${file.exportName}${ts}`;
      });
      file.exportKind = 'fn';
      break;
    case 'script':
      file.path = uniquePath(pkg, () => `${pkg.dir}/scripts/${r.pick(VERBS)}-${r.pick(NOUNS)}s${scriptExt(r, pkg.lang)}`);
      break;
    default:
      throw new Error(`unknown kind ${kind}`);
  }
  return addFile(pkg, file);
}

function planTest(r, pkg, target) {
  const js = pkg.lang === 'js';
  const dir = path.posix.dirname(target.path);
  const base = path.posix.basename(target.path).replace(/\.[^.]+$/, '');
  const isComponent = target.kind === 'component';
  const ext = js ? '.test.js' : isComponent ? '.test.tsx' : r.chance(0.85) ? '.test.ts' : '.spec.ts';
  const file = addFile(pkg, {
    pkg, kind: 'test', size: sizeFor(r, 'test'), importable: false, target,
    path: uniquePath(pkg, () => (r.chance(0.5) ? `${dir}/__tests__/${base}${ext}` : `${dir}/${base}${ext}`)),
  });
  return file;
}

function planBig(r, pkg) {
  const js = pkg.lang === 'js';
  const variant = r.pick(js ? ['messages', 'fixtures'] : ['graphql', 'icons', 'messages', 'fixtures', 'openapi']);
  const ext = variant === 'icons' ? '.tsx' : js ? '.js' : '.ts';
  const where = {
    graphql: 'src/__generated__/graphql', icons: 'src/icons/index', messages: `src/i18n/${r.pick(['en', 'de', 'ja', 'zh-CN', 'fr'])}`,
    fixtures: `src/data/${r.pick(NOUNS)}Fixtures`, openapi: 'src/api/openapi-client',
  }[variant];
  return addFile(pkg, {
    pkg, kind: 'big', variant, importable: false, size: 50_000 + r.int(0, 15_000),
    path: uniquePath(pkg, () => `${pkg.dir}/${where}${ext}`),
  });
}

/** All source files with kinds, paths, sizes and roles; nothing rendered yet. */
function plan(seed, nSource, profile) {
  const SHARES = profile.shares;
  const r = createRng(seed);
  const rootSources = ['.eslintrc.cjs', 'prettier.config.mjs', 'vitest.workspace.ts', 'scripts/check-env.mjs'];
  const pkgs = planPackages(r, nSource - rootSources.length);
  let bigLeft = Math.max(2, Math.round(nSource * 0.002));

  for (const pkg of pkgs) {
    const js = pkg.lang === 'js';
    let left = pkg.count;
    const take = () => left-- > 0;
    // Fixed files: index, configs, the shared OpenAI client for AI packages.
    if (take()) {
      pkg.index = addFile(pkg, { pkg, kind: 'index', importable: false, path: `${pkg.dir}/src/index${js ? '.js' : '.ts'}` });
    }
    for (const cfg of pkg.spec.configs) if (take()) addFile(pkg, { pkg, kind: 'config', importable: false, config: cfg, path: `${pkg.dir}/${cfg}` });
    if (pkg.ai && take()) {
      pkg.clientFile = addFile(pkg, { pkg, kind: 'openai-client', importable: false, size: sizeFor(r, 'util'), path: `${pkg.dir}/src/lib/openai.ts` });
      pkg.clientFile.role = 'client';
    }
    if (bigLeft > 0 && (pkg.count > 150 || pkg === pkgs[pkgs.length - 1]) && take()) {
      planBig(r, pkg);
      bigLeft--;
      if (bigLeft > 0 && pkg.count > 400 && take()) {
        planBig(r, pkg);
        bigLeft--;
      }
    }
    const nTests = Math.round(left * pkg.spec.tests);
    const nMain = left - nTests;
    const mains = [];
    for (let i = 0; i < nMain; i++) mains.push(planFile(r, pkg, r.weighted(pkg.spec.mix)));
    const testable = mains.filter((f) => f.exportName && (f.kind !== 'types' || js));
    for (let i = 0; i < nTests; i++) planTest(r, pkg, testable.length ? r.pick(testable) : mains[0] ?? pkg.files[0]);
    pkg.publicExports = r.sample(pkg.files.filter((f) => f.importable), Math.min(12, pkg.files.length));
  }
  const all = pkgs.flatMap((p) => p.files);

  // Roles. OpenAI: the role is drawn first (OPENAI_ROLE_MIX), then a file that fits it: 85% in the AI
  // packages (weighted by size), the rest elsewhere, where services and routes mostly use the shared
  // @acme/ai client.
  const free = (f) => !f.role && !f.noise && !f.other && !f.mention && !['index', 'config', 'big', 'openai-client'].includes(f.kind);
  const fits = (f, role) => {
    if (!free(f)) return false;
    const cjs = isCjs(f);
    const kinds = ROLE_KINDS[role];
    if (role === 'legacy-v3') return cjs && kinds.includes(f.kind);
    if (role === 'script') return f.kind === 'script';
    if (cjs || !kinds.includes(f.kind)) return false;
    return f.pkg.lang === 'ts' || !['types-import', 'test-mock'].includes(role);
  };
  const aiPkgs = pkgs.filter((p) => p.ai);
  const otherPkgs = pkgs.filter((p) => !p.ai);
  const nOpenai = Math.max(aiPkgs.length + 2, Math.round(nSource * SHARES.openai));
  const fitting = new Map();
  for (let assigned = aiPkgs.length, guard = 0; assigned < nOpenai && guard < 100_000; guard++) {
    let role = r.weighted(profile.roleMix);
    const inAi = r.chance(profile.inAiPackages) || otherPkgs.length === 0;
    if (!inAi && ['chat-stream', 'embeddings', 'vision', 'zod-parse', 'assistants', 'audio-moderation'].includes(role) && r.chance(0.7)) role = 'alias-consumer';
    const pkg = r.weighted((inAi ? aiPkgs : otherPkgs).map((p) => [p, p.count]));
    const key = `${pkg.name}:${role}`;
    if (!fitting.has(key)) fitting.set(key, pkg.files.filter((f) => fits(f, role)));
    const candidates = fitting.get(key).filter(free);
    if (candidates.length === 0) continue;
    r.pick(candidates).role = role;
    assigned++;
  }
  const pickFree = (n, ok, apply) => {
    for (let k = 0, guard = 0; k < n && guard < 100_000; guard++) {
      const f = r.pick(all);
      if (!free(f) || !ok(f)) continue;
      apply(f);
      k++;
    }
  };
  pickFree(Math.round(nSource * SHARES.otherSdk), (f) => ['service', 'route', 'util', 'script'].includes(f.kind) && !isCjs(f), (f) => (f.other = r.pick(OTHER_SDKS)));
  pickFree(Math.round(nSource * SHARES.noise), () => true, (f) => (f.noise = r.pick(NOISE_PLAIN)));
  pickFree(Math.round(nSource * SHARES.mention), (f) => f.kind !== 'test', (f) => (f.mention = true));

  return { pkgs, all, rootSources };
}

function isCjs(f) {
  return f.path.endsWith('.cjs') || (f.pkg.lang === 'js' && f.path.endsWith('.js') && f.kind !== 'config');
}
function extOf(p) {
  return p.slice(p.lastIndexOf('.'));
}

// ------------------------------------------------------------------------------------------ rendering

function relSpecifier(from, to) {
  let rel = path.posix.relative(path.posix.dirname(from), to).replace(/\.(tsx?|jsx?|mts|mjs|cjs)$/, '');
  if (rel.endsWith('/index')) rel = rel.slice(0, -6);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function contextFor(seed, f) {
  const ext = extOf(f.path);
  const r = createRng(hash32(`${seed}:${f.path}`));
  return makeContext(r, { ts: ['.ts', '.tsx', '.mts', '.cts'].includes(ext), jsx: ext === '.tsx' || ext === '.jsx', cjs: isCjs(f) });
}

function imports(c, f, pkgs) {
  const lines = [];
  const r = c.r;
  const add = (line) => line && !lines.includes(line) && lines.push(line);
  const kind = f.kind;
  if (['component', 'hook', 'page', 'stories'].includes(kind) || (kind === 'test' && c.jsx)) add(REACT_IMPORTS);
  if (kind === 'test') {
    if (!c.cjs) add("import { beforeEach, describe, expect, it, vi } from 'vitest';");
    if (c.jsx) {
      add("import { render, screen } from '@testing-library/react';");
      add("import userEvent from '@testing-library/user-event';");
    }
  }
  if (kind === 'store') {
    add(importLine(c, { from: '@reduxjs/toolkit', named: ['createSlice'] }));
    add(importLine(c, { from: '@reduxjs/toolkit', named: ['Draft', 'PayloadAction'], typeOnly: true }));
  }
  if (kind === 'route' && f.pkg.spec.routeStyle === 'express') add(importLine(c, { from: 'express', named: ['Router'] }));
  if (kind === 'route' && f.pkg.spec.routeStyle === 'next') add(importLine(c, { from: '@acme/auth', named: ['getSession'] }));
  if (kind === 'middleware') add(importLine(c, { from: 'express', named: ['NextFunction', 'Request', 'Response'], typeOnly: true }));
  if (kind !== 'test' || r.chance(0.3)) add(importLine(c, { from: '@acme/observability', named: ['logger'] }));

  // Other files of the package, and public exports of other packages.
  const siblings = f.pkg.files;
  const nLocal = r.int(kind === 'types' ? 0 : 1, kind === 'component' || kind === 'page' ? 6 : 4);
  const taken = new Set(['logger']);
  for (let i = 0; i < nLocal; i++) {
    const g = r.pick(siblings);
    if (g === f || !g.importable || taken.has(g.exportName) || (g.kind === 'component' && !c.jsx)) continue;
    taken.add(g.exportName);
    const spec = relSpecifier(f.path, g.path);
    const typeOnly = g.exportKind === 'type';
    if (typeOnly && !c.ts) continue;
    add(importLine(c, { from: spec, named: [g.exportName], typeOnly }));
    if (typeOnly) c.types.push(g.exportName);
    else if (g.exportKind === 'component') c.components.push(g.exportName);
    else if (g.exportKind === 'fn') c.fns.push(g.exportName);
  }
  if (r.chance(0.5)) {
    const other = r.pick(pkgs);
    const g = other !== f.pkg && other.publicExports.length ? r.pick(other.publicExports) : null;
    if (g && !taken.has(g.exportName) && (g.kind !== 'component' || c.jsx) && (g.exportKind !== 'type' || c.ts)) {
      taken.add(g.exportName);
      add(importLine(c, { from: `@acme/${other.name}`, named: [g.exportName], typeOnly: g.exportKind === 'type' }));
      if (g.exportKind === 'fn') c.fns.push(g.exportName);
      if (g.exportKind === 'type') c.types.push(g.exportName);
      if (g.exportKind === 'component') c.components.push(g.exportName);
    }
  }
  if (c.ts && kind !== 'test' && r.chance(0.5)) {
    for (const [line, names] of r.sample(EXTERNAL_IMPORTS_TS, r.int(1, 2))) {
      if (names.some((n) => taken.has(n))) continue;
      add(line);
      c.fns.push(...names.filter((n) => /^[a-z]/.test(n) && !n.startsWith('use')));
    }
  }
  for (const n of taken) c.used.add(n);
  return lines;
}

/** The block that defines the file's primary export (the name other files import). */
function primaryBlock(c, f) {
  const name = f.exportName;
  if (name) c.used.add(name);
  switch (f.kind) {
    case 'component':
      return componentBlock(c, { name });
    case 'hook':
      return hookBlock(c, { name });
    case 'util':
      return functionBlock(c, { name });
    case 'service':
      return f.exportKind === 'class' ? classBlock(c, { name }) : functionBlock(c, { name, async: true });
    case 'types':
      return c.ts ? interfaceBlock(c, { name }) : constBlock(c, { name });
    case 'store':
      return reducerBlock(c, { name });
    case 'constants':
      return constBlock(c, { name });
    case 'middleware':
      return middlewareBlock(c, { name });
    default:
      return null;
  }
}

function fillerBlock(c, f) {
  const r = c.r;
  switch (f.kind) {
    case 'component':
    case 'page':
      return r.weighted([[() => componentBlock(c, { exported: r.chance(0.3) }), 3], [() => functionBlock(c, { exported: false }), 2], [() => arrowBlock(c, { exported: false }), 1], [() => interfaceBlock(c, { exported: false }), 1]])();
    case 'hook':
      return r.weighted([[() => hookBlock(c, { exported: r.chance(0.5) }), 1], [() => functionBlock(c, { exported: false }), 2], [() => arrowBlock(c), 1]])();
    case 'types':
      return r.weighted([[() => interfaceBlock(c), 3], [() => typeAliasBlock(c), 2], [() => constBlock(c), 0.3]])();
    case 'constants':
      return constBlock(c);
    case 'service':
      return r.weighted([[() => classBlock(c), 1], [() => functionBlock(c), 3], [() => interfaceBlock(c), 1], [() => arrowBlock(c, { exported: false }), 1]])();
    case 'route':
      return f.pkg.spec.routeStyle === 'express' ? r.weighted([[() => expressRouteBlock(c), 3], [() => functionBlock(c, { exported: false }), 1]])() : r.weighted([[() => functionBlock(c, { exported: false }), 2], [() => interfaceBlock(c, { exported: false }), 1]])();
    case 'store':
      return r.weighted([[() => reducerBlock(c), 1], [() => functionBlock(c), 2], [() => interfaceBlock(c), 1]])();
    default:
      return r.weighted([[() => functionBlock(c), 4], [() => arrowBlock(c), 2], [() => interfaceBlock(c), 1], [() => typeAliasBlock(c), 1], [() => constBlock(c), 1]])();
  }
}

function renderSource(seed, f, pkgs) {
  if (f.kind === 'config') return configFile(contextFor(seed, f), f.config, f.pkg.name);
  if (f.kind === 'index') return renderIndex(f);
  if (f.kind === 'big') return renderBig(contextFor(seed, f), f);
  const c = contextFor(seed, f);
  const r = c.r;
  const head = [];
  if (f.kind === 'component' && f.pkg.type === 'next-app' && r.chance(0.4)) head.push("'use client';\n");
  if (r.chance(0.15)) head.push(`/**\n * ${sentence(c, 6, 16)}.\n */`);
  const importLines = f.kind === 'openai-client' ? [importLine(c, { from: '@acme/observability', named: ['logger'] })] : imports(c, f, pkgs);
  const special = [];
  const mergeSnippet = ({ imports: extra, blocks }) => {
    for (const line of extra) if (line && !importLines.includes(line)) importLines.push(line);
    special.push(...blocks);
  };
  const clientSpec = f.pkg.clientFile ? relSpecifier(f.path, f.pkg.clientFile.path) : '@acme/ai';
  if (f.role === 'client') mergeSnippet(openaiClientModule(c));
  else if (f.role && f.role in FRAMEWORK_ROLE_KINDS) mergeSnippet(frameworkRole(c, f.role));
  else if (f.role) mergeSnippet(openaiRole(c, f.role, { clientSpec, routeStyle: f.pkg.spec.routeStyle }));
  if (f.other) mergeSnippet(otherSdk(c, f.other));
  if (f.noise) mergeSnippet(noise(c, f.noise));
  if (f.mention) mergeSnippet(mention(c));

  const body = [];
  const prelude = [];
  if (f.kind === 'route' && f.pkg.spec.routeStyle === 'express') prelude.push(c.cjs ? 'const router = Router();' : 'export const router = Router();');
  if (f.kind === 'route' && f.pkg.spec.routeStyle === 'next') {
    body.push(nextRouteBlock(c, 'GET'));
    if (f.role !== 'route-direct' && r.chance(0.5)) body.push(nextRouteBlock(c, 'POST'));
  }
  if (f.kind === 'page') {
    const name = f.exportName;
    c.used.add(name);
    body.push(componentBlock(c, { name, exported: false }).replace(`function ${name}(`, `export default function ${name}(`));
  }
  if (f.kind === 'stories') {
    const comp = c.components[0] ?? 'Button';
    body.push(`const meta = {\n  title: '${pascal(f.pkg.name.replace(/-/g, ''))}/${comp}',\n  component: ${comp},\n  parameters: { layout: 'centered' },\n}${c.ts ? ` satisfies Meta<typeof ${comp}>` : ''};\n\nexport default meta;`);
    if (c.ts) importLines.push("import type { Meta, StoryObj } from '@storybook/react';");
    for (const s of r.sample(STRINGS.filter((w) => /^[a-z]+$/.test(w)), r.int(2, 6))) body.push(`export const ${cap(s)}${c.ts ? ': StoryObj<typeof meta>' : ''} = {\n  args: { variant: '${s}', ${r.pick(['disabled', 'loading', 'compact'])}: ${r.chance(0.5)} },\n};`);
  }
  if (f.kind === 'test') {
    const target = f.target;
    if (target?.exportName) {
      const typeOnly = target.exportKind === 'type';
      if (!typeOnly) importLines.push(importLine(c, { from: relSpecifier(f.path, target.path), named: [target.exportName] }));
    }
    const prefix = special.splice(0).join('\n\n');
    const suite = testFileBody(c, { target: target?.exportName ?? 'subject', targetIsComponent: target?.kind === 'component', size: Math.max(400, f.size - importLines.join('\n').length - prefix.length) });
    return finish(c, head, importLines, [], [prefix, suite].filter(Boolean));
  }
  const primary = primaryBlock(c, f);
  if (primary) body.push(primary);
  let length = importLines.join('\n').length + body.join('\n\n').length + special.join('\n\n').length;
  while (length < f.size) {
    const block = fillerBlock(c, f);
    body.push(block);
    length += block.length + 2;
  }
  // Special blocks go at random positions after the primary block, in their own order (setup before use);
  // the shared client module starts with them.
  const first = f.role === 'client' ? 0 : primary ? 1 : 0;
  const positions = special.map(() => (f.role === 'client' ? 0 : r.int(first, body.length))).sort((a, b) => a - b);
  positions.forEach((at, i) => body.splice(at + i, 0, special[i]));
  if (f.kind === 'route' && f.pkg.spec.routeStyle === 'express') body.push(c.cjs ? 'module.exports = router;' : 'export default router;');
  return finish(c, head, importLines, prelude, body);
}

function finish(c, head, importLines, prelude, body) {
  const parts = [...head];
  if (importLines.length) parts.push(importLines.filter(Boolean).join('\n'));
  if (prelude.length) parts.push(prelude.join('\n'));
  parts.push(...body);
  if (c.cjs && c.exported.length) parts.push(`module.exports = { ${[...new Set(c.exported)].join(', ')} };`);
  return `${parts.join('\n\n')}\n`;
}

function renderIndex(f) {
  const lines = [];
  if (f.pkg.name === 'ai') lines.push(`export { openai, DEFAULT_CHAT_MODEL, EMBEDDING_MODEL } from './lib/openai';`);
  if (f.pkg.lang === 'js') {
    const names = [];
    for (const g of f.pkg.publicExports) {
      if (g.kind === 'component') continue; // JSX modules are ESM, imported directly by path
      lines.push(`const { ${g.exportName} } = require('${relSpecifier(f.path, g.path)}');`);
      names.push(g.exportName);
    }
    lines.push('', `module.exports = { ${names.join(', ')} };`);
    return `${lines.join('\n')}\n`;
  }
  for (const g of f.pkg.publicExports) {
    const spec = relSpecifier(f.path, g.path);
    lines.push(g.exportKind === 'type' ? `export type { ${g.exportName} } from '${spec}';` : `export { ${g.exportName} } from '${spec}';`);
  }
  return `${lines.join('\n')}\n`;
}

/** Large generated-looking files (~50-65 KB): codegen output, icon sets, message catalogs, fixtures. */
function renderBig(c, f) {
  const r = c.r;
  const out = [`/* eslint-disable */\n// This file was generated. Do not edit by hand.\n`];
  let size = out[0].length;
  const push = (s) => {
    out.push(s);
    size += s.length + 1;
  };
  switch (f.variant) {
    case 'graphql':
      push("import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';");
      push('export type Maybe<T> = T | null;\nexport type Scalars = { ID: string; String: string; Boolean: boolean; Int: number; DateTime: string };');
      while (size < f.size) {
        const N = pascal(noun(c), r.pick(['', 'Connection', 'Edge', 'Input', 'Payload']));
        const fields = r.sample(['id', 'name', 'title', 'status', 'createdAt', 'updatedAt', 'ownerId', 'total', 'slug'], r.int(3, 7));
        push(`export type ${N}${r.int(1, 999)} = {\n  __typename?: '${N}';\n${fields.map((p) => `  ${p}${r.chance(0.4) ? '?' : ''}: Maybe<Scalars['${r.pick(['ID', 'String', 'Int', 'DateTime', 'Boolean'])}']>;`).join('\n')}\n};`);
        if (r.chance(0.3)) push(`export const ${N}Document${r.int(1, 9999)} = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"${N}"},"selectionSet":{"kind":"SelectionSet","selections":[${fields.map((p) => `{"kind":"Field","name":{"kind":"Name","value":"${p}"}}`).join(',')}]}}]} as unknown as DocumentNode<unknown, unknown>;`);
      }
      break;
    case 'icons':
      push("import type { SVGProps } from 'react';");
      while (size < f.size) {
        const d = Array.from({ length: r.int(4, 14) }, () => `${r.pick(['M', 'L', 'C', 'l', 'c', 'h', 'v'])}${r.int(0, 24)}.${r.int(0, 99)} ${r.int(0, 24)}.${r.int(0, 99)}`).join('');
        push(`export const ${pascal(noun(c), r.pick(['', 'Outline', 'Solid', 'Filled']))}Icon${r.int(1, 9999)} = (props: SVGProps<SVGSVGElement>) => (\n  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.5} {...props}>\n    <path strokeLinecap="round" d="${d}z" />\n  </svg>\n);`);
      }
      break;
    case 'messages': {
      const extras = ['Grüße', 'café', '設定', '保存しました', '请稍候', '删除', 'Änderungen', 'élément'];
      push(`${c.cjs ? 'module.exports =' : 'export default'} {`);
      while (size < f.size) {
        const key = `${noun(c)}.${r.pick(VERBS)}.${r.pick(['title', 'description', 'cta', 'error', 'empty', 'success'])}${r.int(1, 999)}`;
        push(`  '${key}': '${sentence(c, 3, 12).replace(/'/g, '')}${r.chance(0.2) ? ` ${r.pick(extras)}` : ''}',`);
      }
      push('};');
      break;
    }
    case 'fixtures':
      push(`${c.cjs ? 'module.exports =' : 'export const fixtures ='} [`);
      while (size < f.size) {
        push(`  { id: '${r.int(1e6, 9e6).toString(36)}', name: '${cap(noun(c))} ${r.int(1, 999)}', status: '${r.pick(STRINGS)}', amount: ${r.int(0, 99999) / 100}, tags: ['${r.pick(STRINGS)}', '${r.pick(STRINGS)}'], createdAt: '2024-0${r.int(1, 9)}-1${r.int(0, 9)}T0${r.int(0, 9)}:00:00Z' },`);
      }
      push('];');
      break;
    default:
      push("import { request } from './http';");
      while (size < f.size) {
        const N = pascal(noun(c));
        const verb = r.pick(['get', 'list', 'create', 'update', 'delete']);
        push(`/** ${verb.toUpperCase()} /v2/${noun(c)}s/{id} */\nexport async function ${verb}${N}${r.int(1, 9999)}(params: { id: string; ${r.pick(['limit', 'expand', 'cursor'])}?: string }, init?: RequestInit): Promise<${N}Response> {\n  return request(\`/v2/${noun(c)}s/\${encodeURIComponent(params.id)}\`, { method: '${verb === 'list' ? 'GET' : verb === 'create' ? 'POST' : verb.toUpperCase()}', ...init });\n}`);
      }
  }
  return `${out.join('\n')}\n`;
}

// --------------------------------------------------------------------------- repository scaffolding

function rootFiles(r, pkgs) {
  const files = {};
  files['.gitignore'] = [
    '# dependencies', 'node_modules/', '', '# build output', 'dist/', 'build/', '.next/', 'out/', 'storybook-static/',
    '', '# tooling', 'coverage/', '.turbo/', '*.log', '*.tsbuildinfo', '.env*.local', '.DS_Store', '',
  ].join('\n');
  files['package.json'] = `${JSON.stringify({ name: 'acme', private: true, packageManager: 'pnpm@9.12.0', scripts: { build: 'turbo run build', test: 'turbo run test', lint: 'turbo run lint' }, devDependencies: { turbo: '^2.1.0', typescript: '^5.6.0', vitest: '^2.1.0', prettier: '^3.3.0' } }, null, 2)}\n`;
  files['pnpm-workspace.yaml'] = "packages:\n  - 'packages/*'\n";
  files['turbo.json'] = `${JSON.stringify({ $schema: 'https://turbo.build/schema.json', tasks: { build: { dependsOn: ['^build'], outputs: ['dist/**', '.next/**', '!.next/cache/**'] }, test: { dependsOn: ['build'] }, lint: {} } }, null, 2)}\n`;
  files['tsconfig.base.json'] = `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true, skipLibCheck: true, baseUrl: '.', paths: { '@acme/*': ['packages/*/src/index.ts'] } } }, null, 2)}\n`;
  files['README.md'] = `# Acme monorepo\n\nSynthetic benchmark fixture generated by qianyi's scripts/bench/generate.mjs. ${pkgs.length} packages.\n`;
  files['.github/workflows/ci.yml'] = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pnpm install --frozen-lockfile\n      - run: pnpm test\n';
  files['.env.example'] = 'OPENAI_API_KEY=\nANTHROPIC_API_KEY=\nDATABASE_URL=postgres://localhost/acme\n';
  return files;
}

function rootSource(name) {
  switch (name) {
    case '.eslintrc.cjs':
      return "module.exports = {\n  root: true,\n  extends: ['@acme/eslint-config'],\n  ignorePatterns: ['**/dist/**', '**/.next/**', '**/generated/**'],\n};\n";
    case 'prettier.config.mjs':
      return "/** @type {import('prettier').Config} */\nexport default {\n  singleQuote: true,\n  trailingComma: 'all',\n  printWidth: 110,\n};\n";
    case 'vitest.workspace.ts':
      return "import { defineWorkspace } from 'vitest/config';\n\nexport default defineWorkspace(['packages/*']);\n";
    default:
      return "#!/usr/bin/env node\n// Fails CI early when a required variable is missing from the deployment environment.\nconst required = ['DATABASE_URL', 'SESSION_SECRET', 'SENTRY_DSN'];\nconst missing = required.filter((name) => !process.env[name]);\nif (missing.length > 0) {\n  console.error(`missing environment variables: ${missing.join(', ')}`);\n  process.exit(1);\n}\n";
  }
}

function packageExtras(r, pkg) {
  const files = {};
  const deps = { react: '^18.3.1', zod: '^3.23.8' };
  if (pkg.ai) deps.openai = '^4.67.0';
  files[`${pkg.dir}/package.json`] = `${JSON.stringify({ name: `@acme/${pkg.name}`, version: `0.${r.int(1, 40)}.${r.int(0, 9)}`, private: true, type: pkg.lang === 'js' ? 'commonjs' : 'module', main: 'dist/index.js', scripts: { build: 'tsc -p .', test: 'vitest run' }, dependencies: deps }, null, 2)}\n`;
  if (pkg.lang === 'ts') files[`${pkg.dir}/tsconfig.json`] = `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src'] }, null, 2)}\n`;
  files[`${pkg.dir}/README.md`] = `# @acme/${pkg.name}\n\n${sentence(makeContext(r, {}), 10, 30)}.\n`;
  if (pkg.lang === 'ts' && r.chance(0.5)) files[`${pkg.dir}/src/env.d.ts`] = "declare namespace NodeJS {\n  interface ProcessEnv {\n    readonly NODE_ENV: 'development' | 'production' | 'test';\n  }\n}\n";
  for (const f of pkg.files.filter((g) => g.kind === 'component').slice(0, 6)) files[f.path.replace(/\.[jt]sx$/, '.module.css')] = `.root {\n  display: flex;\n  gap: ${r.int(2, 16)}px;\n}\n`;
  if (pkg.type === 'next-app') {
    files[`${pkg.dir}/public/vendor/chart.min.js`] = `!function(t,e){"object"==typeof exports?module.exports=e():t.Chart=e()}(this,function(){${'var a=1;'.repeat(r.int(500, 3000))}return{}});\n`;
    files[`${pkg.dir}/public/logo.svg`] = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>\n';
  }
  return files;
}

/**
 * Build output and dependencies: every path here is ignored by a .gitignore (root or nested) or sits in
 * node_modules. Some of these files import openai, so a scanner that does not skip them reports extra sites.
 */
function ignoredFiles(r, pkgs, texts, nSource) {
  const files = {};
  const budget = Math.round(nSource * 0.1);
  let count = 0;
  const put = (p, text) => {
    files[p] = text;
    count++;
  };
  const nested = {};
  for (const pkg of pkgs) {
    if (count >= budget) break;
    const sources = pkg.files.filter((f) => f.kind !== 'test' && f.kind !== 'config' && f.path.includes('/src/'));
    if (pkg.type === 'next-app') {
      for (const f of r.sample(sources, Math.min(sources.length, 25))) put(`${pkg.dir}/.next/server/${f.path.slice(pkg.dir.length + 5).replace(/\.[^.]+$/, '.js')}`, texts.get(f.path));
      for (let i = 0; i < 6; i++) put(`${pkg.dir}/.next/static/chunks/${r.int(100, 999)}-${r.int(1e9, 9e9).toString(16)}.js`, r.sample(sources, 12).map((f) => texts.get(f.path)).join('\n;\n'));
    } else if (pkg.lang === 'js') {
      nested[pkg.dir] = '/lib/\n';
      for (const f of r.sample(sources, Math.round(sources.length * 0.3))) put(`${pkg.dir}/lib/${f.path.slice(pkg.dir.length + 5)}`, `"use strict";\n${texts.get(f.path)}`);
      put(`${pkg.dir}/build/static/js/main.${r.int(1e7, 9e7).toString(16)}.js`, r.sample(sources, 20).map((f) => texts.get(f.path)).join('\n'));
    } else if (r.chance(0.45)) {
      for (const f of r.sample(sources, Math.round(sources.length * 0.3))) {
        const out = `${pkg.dir}/dist/${f.path.slice(pkg.dir.length + 5).replace(/\.[^.]+$/, '.js')}`;
        put(out, `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n${texts.get(f.path)}`);
        if (r.chance(0.5)) put(out.replace(/\.js$/, '.d.ts'), `export declare function ${f.exportName ?? 'main'}(...args: unknown[]): unknown;\n`);
      }
    }
    if (pkg.type === 'react-lib') {
      for (let i = 0; i < 4; i++) put(`${pkg.dir}/storybook-static/assets/iframe-${r.int(1e6, 9e6).toString(36)}.js`, r.sample(sources, 10).map((f) => texts.get(f.path)).join('\n'));
    }
    if (pkg.name === 'api') {
      nested[pkg.dir] = '# prisma client and codegen output\n/generated/\n*.gen.ts\n';
      put(`${pkg.dir}/generated/prisma/index.js`, `// Prisma client (generated)\n${'exports.Prisma = exports.Prisma || {};\n'.repeat(1500)}`);
      put(`${pkg.dir}/generated/prisma/index.d.ts`, 'export declare const Prisma: Record<string, unknown>;\n'.repeat(800));
      put(`${pkg.dir}/generated/prisma/edge.ts`, "import OpenAI from 'openai';\nexport const generatedClient = new OpenAI();\n");
      for (const f of r.sample(sources, 12)) put(f.path.replace(/\.[^.]+$/, '.gen.ts'), `// generated from ${path.posix.basename(f.path)}\n${texts.get(f.path)}`);
    }
    if (pkg.name === 'web') {
      nested[pkg.dir] = '# PWA output\n/public/sw.js\n/public/workbox-*.js\n.vercel\n';
      put(`${pkg.dir}/public/sw.js`, `self.addEventListener('fetch', () => {});\n${'/* precache */\n'.repeat(200)}`);
      put(`${pkg.dir}/public/workbox-${r.int(1e6, 9e6).toString(16)}.js`, `define(['exports'], function (exports) { 'use strict'; ${'exports.x = 1;'.repeat(800)} });\n`);
    }
  }
  // Coverage report at the root.
  for (const f of r.sample(pkgs[0].files, 40)) put(`coverage/lcov-report/${f.path}.html`, `<!doctype html><html><body><pre>${(texts.get(f.path) ?? '').replace(/</g, '&lt;')}</pre></body></html>\n`);
  put('coverage/lcov-report/prettify.js', `window.PR_SHOULD_USE_CONTINUATION=true;${'var x=1;'.repeat(2000)}\n`);
  put('coverage/lcov-report/sorter.js', `var addSorting = (function () { 'use strict'; ${'var y=2;'.repeat(500)} })();\n`);
  put('.turbo/daemon/acme.log', 'daemon started\n');
  // node_modules (always skipped), with the SDK itself in it.
  put('node_modules/openai/package.json', `${JSON.stringify({ name: 'openai', version: '4.67.3', main: 'index.js', types: 'index.d.ts' }, null, 2)}\n`);
  put('node_modules/openai/index.js', "'use strict';\nclass OpenAI { constructor(opts = {}) { this.apiKey = opts.apiKey ?? process.env.OPENAI_API_KEY; } }\nmodule.exports = OpenAI;\nmodule.exports.default = OpenAI;\n");
  put('node_modules/openai/index.d.ts', 'export default class OpenAI {\n  constructor(opts?: { apiKey?: string; baseURL?: string });\n  chat: { completions: { create(body: unknown): Promise<unknown> } };\n}\n');
  put('node_modules/openai/resources/chat/completions.js', "'use strict';\nclass Completions { create(body, options) { return this._client.post('/chat/completions', { body, ...options }); } }\nexports.Completions = Completions;\n");
  put('node_modules/react/package.json', '{"name":"react","version":"18.3.1","main":"index.js"}\n');
  put('node_modules/react/index.js', "'use strict';\nmodule.exports = require('./cjs/react.production.min.js');\n");
  put('node_modules/@anthropic-ai/sdk/index.js', "'use strict';\nclass Anthropic {}\nmodule.exports = Anthropic;\n");
  put('node_modules/.modules.yaml', 'layoutVersion: 5\n');
  put(`${pkgs[0].dir}/node_modules/.cache/babel-loader/${r.int(1e9, 9e9).toString(16)}.js`, "import OpenAI from 'openai';\nexport default new OpenAI();\n");
  for (const [dir, text] of Object.entries(nested)) files[`${dir}/.gitignore`] = text;
  return { files, nestedGitignores: Object.keys(nested).length };
}

// ---------------------------------------------------------------------------------------------- write

/**
 * Generates the tree into `outDir` (which must not exist). Returns the manifest (also the caller's to save).
 */
export function generate({ outDir, files: nSource, seed, profile: profileName = 'monorepo' }) {
  const profile = PROFILES[profileName];
  if (!profile) throw new Error(`unknown profile ${profileName}`);
  const t0 = process.hrtime.bigint();
  if (nSource < 100) throw new Error('--files must be at least 100');
  const { pkgs, all, rootSources } = plan(seed, nSource, profile);
  const r = createRng(hash32(`${seed}:scaffold`));

  const madeDirs = new Set();
  const write = (rel, text) => {
    const full = path.join(outDir, rel);
    const dir = path.dirname(full);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    fs.writeFileSync(full, text);
    return Buffer.byteLength(text);
  };

  const texts = new Map();
  const sourceList = [];
  let sourceBytes = 0;
  for (const name of rootSources) {
    sourceBytes += write(name, rootSource(name));
    sourceList.push(name);
  }
  for (const f of all) {
    const text = renderSource(seed, f, pkgs);
    texts.set(f.path, text);
    sourceBytes += write(f.path, text);
    sourceList.push(f.path);
  }
  if (sourceList.length !== nSource) throw new Error(`generator bug: ${sourceList.length} source files, wanted ${nSource}`);

  let extraFiles = 0;
  let extraBytes = 0;
  const extras = rootFiles(r, pkgs);
  for (const pkg of pkgs) Object.assign(extras, packageExtras(r, pkg));
  for (const [rel, text] of Object.entries(extras)) {
    extraBytes += write(rel, text);
    extraFiles++;
  }
  const ignored = ignoredFiles(r, pkgs, texts, nSource);
  let ignoredCount = 0;
  let ignoredBytes = 0;
  for (const [rel, text] of Object.entries(ignored.files)) {
    if (rel.endsWith('/.gitignore')) {
      extraBytes += write(rel, text);
      extraFiles++;
      continue;
    }
    ignoredBytes += write(rel, text ?? '');
    ignoredCount++;
  }
  gitInit(outDir);

  const openaiFiles = all.filter((f) => f.role).map((f) => f.path).sort();
  const roles = {};
  for (const f of all) if (f.role) roles[f.role] = (roles[f.role] ?? 0) + 1;
  const extCounts = {};
  for (const p of sourceList) {
    const ext = p.endsWith('.d.ts') ? '.d.ts' : extOf(p);
    extCounts[ext] = (extCounts[ext] ?? 0) + 1;
  }
  return {
    generator: GENERATOR_VERSION,
    profile: profileName,
    seed,
    files: nSource,
    packages: pkgs.length,
    sourceBytes,
    extensions: extCounts,
    openaiFiles,
    openaiRoles: roles,
    otherSdkFiles: all.filter((f) => f.other).length,
    noiseFiles: all.filter((f) => f.noise).length,
    mentionFiles: all.filter((f) => f.mention).length,
    ignoredFiles: ignoredCount,
    ignoredBytes,
    nestedGitignores: ignored.nestedGitignores,
    extraFiles,
    extraBytes,
    generationMs: Number(process.hrtime.bigint() - t0) / 1e6,
    sourceList,
  };
}

/**
 * Makes the tree a git repository of its own, so that the enclosing repository's .gitignore (which ignores
 * .bench/) does not hide it from tools that honour ignore files up to the git top level. Falls back to a
 * bare `.git/` marker directory when git is not installed.
 */
function gitInit(dir) {
  const res = spawnSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  if (res.status !== 0) fs.mkdirSync(path.join(dir, '.git', 'info'), { recursive: true });
}
