// Building blocks of ordinary (non-OpenAI) source text: statements, functions, classes, React components,
// tests, route handlers, config files. Everything here is syntactically valid TS/JS (see the generator's
// --check-syntax mode); it is not meant to type-check.

import { CSS_CLASSES, HTML_TAGS, NOUNS, PROPS, STRINGS, VERBS, WORDS } from './words.mjs';

export const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
export const camel = (...parts) => parts[0] + parts.slice(1).map(cap).join('');
export const pascal = (...parts) => parts.map(cap).join('');
const indent = (text, pad) =>
  text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');

/**
 * Per-file generation context.
 * r: rng; ts: type annotations allowed; jsx: JSX allowed; cjs: CommonJS module; used: top-level names taken;
 * fns: callable names in scope (imported or defined); types: type names in scope; exported: names to put in
 * `module.exports` for CommonJS files.
 */
export function makeContext(r, { ts, jsx, cjs }) {
  return { r, ts, jsx, cjs, used: new Set(), fns: [], types: [], components: [], exported: [] };
}

export function noun(c) {
  return c.r.pick(NOUNS);
}
export function prop(c) {
  return c.r.pick(PROPS);
}
export function sentence(c, lo = 5, hi = 14) {
  const n = c.r.int(lo, hi);
  const words = [];
  for (let i = 0; i < n; i++) words.push(c.r.pick(WORDS));
  return cap(words.join(' '));
}
export function lit(c) {
  switch (c.r.int(0, 5)) {
    case 0:
    case 1:
      return `'${c.r.pick(STRINGS)}'`;
    case 2:
      return String(c.r.int(0, 500));
    case 3:
      return c.r.chance(0.5) ? 'true' : 'false';
    case 4:
      return 'null';
    default:
      return `'${noun(c)}-${c.r.pick(STRINGS)}'`;
  }
}
/** A fresh top-level name built from `make`, unique in the file. */
export function fresh(c, make) {
  for (let i = 0; i < 20; i++) {
    const name = make();
    if (!c.used.has(name)) {
      c.used.add(name);
      return name;
    }
  }
  const name = `${make()}${c.used.size}`;
  c.used.add(name);
  return name;
}
export function typeName(c) {
  if (c.types.length > 0 && c.r.chance(0.7)) return c.r.pick(c.types);
  return pascal(noun(c));
}
function typeExpr(c) {
  const t = typeName(c);
  return c.r.weighted([
    ['string', 3], ['number', 2], ['boolean', 1], [t, 4], [`${t}[]`, 3], [`Partial<${t}>`, 1],
    [`Record<string, ${t}>`, 1], [`${t} | null`, 2], ['Date', 1], ['string[]', 1],
  ]);
}
const ann = (c, t) => (c.ts ? `: ${t}` : '');
const gen = (c, t) => (c.ts ? `<${t}>` : '');

function callable(c) {
  if (c.fns.length > 0 && c.r.chance(0.6)) return c.r.pick(c.fns);
  return camel(c.r.pick(VERBS), noun(c));
}

function objectLiteral(c, vars, n = c.r.int(2, 5)) {
  const fields = [];
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const p = prop(c);
    if (seen.has(p)) continue;
    seen.add(p);
    fields.push(`${p}: ${c.r.chance(0.4) && vars.length ? c.r.pick(vars) : lit(c)}`);
  }
  return `{ ${fields.join(', ')} }`;
}

function expr(c, scope) {
  const v = scope.vars.length ? c.r.pick(scope.vars) : 'input';
  const p = prop(c);
  switch (c.r.int(0, 15)) {
    case 0:
      return `${v}.filter((item) => item.${p} !== ${lit(c)})`;
    case 1:
      return `${v}.map((item) => ({ ...item, ${p}: ${lit(c)} }))`;
    case 2:
      return scope.async
        ? `await fetch(\`/api/${noun(c)}s/\${encodeURIComponent(String(${v}))}\`).then((res) => res.json())`
        : `\`/api/${noun(c)}s/\${${v}}\``;
    case 3:
      return `Number(${v}?.${p}) || ${c.r.int(1, 100)}`;
    case 4:
      return `${v}?.${p} ?? ${lit(c)}`;
    case 5:
      return `new Map${gen(c, `string, ${typeExpr(c)}`)}()`;
    case 6:
      return `Object.entries(${v} ?? {}).reduce((acc, [key, val]) => ({ ...acc, [key]: String(val) }), {})`;
    case 7:
      return `JSON.stringify(${objectLiteral(c, scope.vars)})`;
    case 8:
      return `${scope.async && c.r.chance(0.5) ? 'await ' : ''}${callable(c)}(${v}${c.r.chance(0.5) ? `, ${objectLiteral(c, scope.vars, 2)}` : ''})`;
    case 9:
      return `Math.max(${c.r.int(0, 10)}, ${v}.length - ${c.r.int(1, 5)})`;
    case 10:
      return objectLiteral(c, scope.vars);
    case 11:
      return `[...${v}].sort((a, b) => String(a.${p}).localeCompare(String(b.${p})))`;
    case 12:
      return `${v}.${p} === ${lit(c)} && ${v}.${prop(c)} !== ${lit(c)}`;
    case 13:
      return `Array.from(new Set(${v}.map((item) => item.${p})))`;
    case 14:
      return `${v}.some((entry) => entry.${p} > ${c.r.int(0, 99)})`;
    default:
      return `\`${noun(c)}:\${${v}.${p}}:\${${v}.${prop(c)}}\``;
  }
}

/** An expression as a concise arrow body: object literals need parentheses. */
const arrowBody = (e) => (e.startsWith('{') ? `(${e})` : e);

function statements(c, scope, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(statement(c, scope));
  return out.join('\n');
}

function statement(c, scope) {
  const depth = scope.depth ?? 0;
  const v = scope.vars.length ? c.r.pick(scope.vars) : 'input';
  const roll = c.r.int(0, depth >= 2 ? 6 : 11);
  switch (roll) {
    case 0:
    case 1:
    case 2: {
      let name = `${noun(c)}${c.r.pick(['List', 'Map', 'Count', 'Id', 'Key', 'Value', 'Result', 'Next', 'Index', 'Total'])}`;
      while (scope.vars.includes(name)) name += c.r.int(2, 9);
      const line = `${c.r.chance(0.15) ? 'let' : 'const'} ${name} = ${expr(c, scope)};`;
      scope.vars.push(name);
      return line;
    }
    case 3:
      return `logger.${c.r.pick(['debug', 'info', 'warn'])}('${sentence(c, 3, 7)}', { ${v.includes('.') ? `${prop(c)}: ${v}` : v} });`;
    case 4:
      return `// ${sentence(c)}`;
    case 5:
      return `if (!${v}) {\n  throw new Error('${sentence(c, 3, 6)}');\n}`;
    case 6:
      return `${scope.async ? 'await ' : ''}${callable(c)}(${v});`;
    case 7: {
      const inner = { ...scope, vars: [...scope.vars, 'item'], depth: depth + 1 };
      return `for (const item of ${v} ?? []) {\n${indent(statements(c, inner, c.r.int(1, 3)), '  ')}\n}`;
    }
    case 8: {
      const inner = { ...scope, vars: [...scope.vars], depth: depth + 1 };
      const els = c.r.chance(0.4)
        ? ` else {\n${indent(statements(c, { ...inner, vars: [...scope.vars] }, c.r.int(1, 2)), '  ')}\n}`
        : '';
      return `if (${expr(c, scope)}) {\n${indent(statements(c, inner, c.r.int(1, 3)), '  ')}\n}${els}`;
    }
    case 9: {
      const inner = { ...scope, vars: [...scope.vars], depth: depth + 1 };
      return `try {\n${indent(statements(c, inner, c.r.int(1, 3)), '  ')}\n} catch (err) {\n  logger.error('${sentence(c, 3, 6)}', err);\n  throw err;\n}`;
    }
    case 10: {
      let name = `${noun(c)}Field`;
      while (scope.vars.includes(name)) name += c.r.int(2, 9);
      scope.vars.push(name);
      return `const { ${prop(c)}: ${name} = ${lit(c)} } = ${v} ?? {};`;
    }
    default:
      return `${v}.${prop(c)} = ${expr(c, scope)};`;
  }
}

function jsdoc(c, params = []) {
  const lines = ['/**', ` * ${sentence(c)}.`];
  if (c.r.chance(0.4)) lines.push(` * ${sentence(c)}.`);
  for (const p of params) if (c.r.chance(0.5)) lines.push(` * @param ${p} ${sentence(c, 3, 7).toLowerCase()}`);
  lines.push(' */');
  return lines.join('\n');
}

function exportKw(c, name, exported) {
  if (!exported) return '';
  if (c.cjs) {
    c.exported.push(name);
    return '';
  }
  return 'export ';
}

/** `export [async] function name(params) { ... }` */
export function functionBlock(c, { name, exported = true, async } = {}) {
  const isAsync = async ?? c.r.chance(0.4);
  name ??= fresh(c, () => camel(c.r.pick(VERBS), noun(c), c.r.chance(0.3) ? noun(c) : ''));
  const params = c.r.sample(['input', 'options', `${noun(c)}Id`, 'context', 'items', 'payload'], c.r.int(1, 3));
  const sig = params.map((p) => `${p}${c.ts && p === 'options' ? '?' : ''}${ann(c, typeExpr(c))}`).join(', ');
  const ret = c.ts ? `: ${isAsync ? `Promise<${typeExpr(c)}>` : typeExpr(c)}` : '';
  const scope = { vars: [...params], async: isAsync, depth: 0 };
  const body = statements(c, scope, c.r.int(3, 9));
  const result = `return ${expr(c, scope)};`;
  c.fns.push(name);
  return `${c.r.chance(0.6) ? `${jsdoc(c, params)}\n` : ''}${exportKw(c, name, exported)}${isAsync ? 'async ' : ''}function ${name}(${sig})${ret} {\n${indent(body, '  ')}\n  ${result}\n}`;
}

export function arrowBlock(c, { exported = true } = {}) {
  const name = fresh(c, () => camel(c.r.pick(VERBS), noun(c), c.r.pick(['Safe', 'Fast', 'Once', 'Or', 'By', 'For', ''])));
  const isAsync = c.r.chance(0.3);
  const scope = { vars: ['value'], async: isAsync, depth: 0 };
  c.fns.push(name);
  const kw = exportKw(c, name, exported);
  if (c.r.chance(0.4)) {
    return `${kw}const ${name} = ${isAsync ? 'async ' : ''}(value${ann(c, typeExpr(c))}) => ${arrowBody(expr(c, scope))};`;
  }
  return `${kw}const ${name} = ${isAsync ? 'async ' : ''}(value${ann(c, typeExpr(c))}) => {\n${indent(statements(c, scope, c.r.int(2, 6)), '  ')}\n  return ${expr(c, scope)};\n};`;
}

export function interfaceBlock(c, { name, exported = true } = {}) {
  if (!c.ts) return constBlock(c, { exported });
  name ??= fresh(c, () => pascal(noun(c), c.r.pick(['', 'Props', 'State', 'Input', 'Dto', 'Record', 'Options', 'Summary'])));
  const n = c.r.int(3, 10);
  const fields = [];
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const p = prop(c);
    if (seen.has(p)) continue;
    seen.add(p);
    if (c.r.chance(0.25)) fields.push(`  /** ${sentence(c, 3, 8)} */`);
    fields.push(`  ${c.r.chance(0.15) ? 'readonly ' : ''}${p}${c.r.chance(0.3) ? '?' : ''}: ${typeExpr(c)};`);
  }
  c.types.push(name);
  return `${exported ? 'export ' : ''}interface ${name} {\n${fields.join('\n')}\n}`;
}

export function typeAliasBlock(c, { exported = true } = {}) {
  if (!c.ts) return constBlock(c, { exported });
  const name = fresh(c, () => pascal(noun(c), c.r.pick(['Status', 'Kind', 'Variant', 'Mode', 'Event', 'Action'])));
  c.types.push(name);
  if (c.r.chance(0.5)) {
    const values = c.r.sample(STRINGS, c.r.int(2, 6)).map((s) => `'${s}'`);
    return `${exported ? 'export ' : ''}type ${name} = ${values.join(' | ')};`;
  }
  const variants = c.r.sample(STRINGS, c.r.int(2, 4)).map((s) => `  | { type: '${s}'; ${prop(c)}: ${typeExpr(c)} }`);
  return `${exported ? 'export ' : ''}type ${name} =\n${variants.join('\n')};`;
}

export function constBlock(c, { exported = true, name } = {}) {
  name ??= fresh(c, () => `${noun(c).toUpperCase()}_${c.r.pick(['OPTIONS', 'DEFAULTS', 'LABELS', 'LIMITS', 'ROUTES', 'COLORS', 'KEYS'])}`);
  const kw = exportKw(c, name, exported);
  if (c.r.chance(0.4)) {
    const items = c.r.sample(STRINGS, c.r.int(3, 8)).map((s) => `  { value: '${s}', label: '${cap(s)}' },`);
    return `${kw}const ${name} = [\n${items.join('\n')}\n]${c.ts ? ' as const' : ''};`;
  }
  const entries = c.r.sample(PROPS, c.r.int(3, 9)).map((p) => `  ${p}: ${lit(c)},`);
  return `${kw}const ${name} = {\n${entries.join('\n')}\n}${c.ts ? ' as const' : ''};`;
}

export function classBlock(c, { name, exported = true } = {}) {
  name ??= fresh(c, () => pascal(noun(c), c.r.pick(['Service', 'Repository', 'Client', 'Manager', 'Store'])));
  const deps = c.r.sample(['db', 'cache', 'http', 'queue', 'config', 'clock'], c.r.int(1, 3));
  const ctor = c.ts
    ? `  constructor(\n${deps.map((d) => `    private readonly ${d}${ann(c, pascal(d === 'db' ? 'database' : d))},`).join('\n')}\n  ) {}`
    : `  constructor(${deps.join(', ')}) {\n${deps.map((d) => `    this.${d} = ${d};`).join('\n')}\n  }`;
  const methods = [];
  const nMethods = c.r.int(2, 5);
  const seen = new Set();
  for (let i = 0; i < nMethods; i++) {
    const m = camel(c.r.pick(VERBS), noun(c));
    if (seen.has(m)) continue;
    seen.add(m);
    const isAsync = c.r.chance(0.7);
    const scope = { vars: ['id', 'input', ...deps.map((d) => `this.${d}`)], async: isAsync, depth: 0 };
    const body = statements(c, scope, c.r.int(2, 7));
    methods.push(
      `  ${c.ts && c.r.chance(0.2) ? 'private ' : ''}${isAsync ? 'async ' : ''}${m}(id${ann(c, 'string')}, input${ann(c, typeExpr(c))})${c.ts ? `: ${isAsync ? `Promise<${typeExpr(c)}>` : typeExpr(c)}` : ''} {\n${indent(body, '    ')}\n    return ${expr(c, scope)};\n  }`,
    );
  }
  const field = c.ts ? `  private readonly pending = new Map<string, number>();\n\n` : '';
  return `${c.r.chance(0.5) ? `${jsdoc(c)}\n` : ''}${exportKw(c, name, exported)}class ${name} {\n${field}${ctor}\n\n${methods.join('\n\n')}\n}`;
}

// ---------------------------------------------------------------------------------------------- React

function jsxChildren(c, depth, vars) {
  const n = c.r.int(1, depth === 0 ? 5 : 3);
  const out = [];
  for (let i = 0; i < n; i++) out.push(jsxNode(c, depth + 1, vars));
  return out.join('\n');
}

function classes(c) {
  return c.r.sample(CSS_CLASSES, c.r.int(1, 4)).join(' ');
}

function jsxNode(c, depth, vars) {
  const v = c.r.pick(vars);
  const roll = c.r.int(0, depth >= 3 ? 4 : 8);
  switch (roll) {
    case 0:
      return `<p className="${classes(c)}">${sentence(c, 2, 8)}</p>`;
    case 1:
      return `<span className="${classes(c)}">{${v}?.${prop(c)} ?? '—'}</span>`;
    case 2:
      if (c.components.length > 0) {
        const comp = c.r.pick(c.components);
        return `<${comp} ${prop(c)}={${v}} ${c.r.chance(0.5) ? `on${cap(c.r.pick(['change', 'select', 'close', 'submit']))}={() => ${callable(c)}(${v})} ` : ''}/>`;
      }
      return `<button type="button" className="${classes(c)}" onClick={() => ${callable(c)}(${v})}>\n  ${cap(c.r.pick(VERBS))}\n</button>`;
    case 3:
      return `<button type="button" className="${classes(c)}" disabled={!${v}} onClick={() => ${callable(c)}(${v})}>\n  ${cap(c.r.pick(VERBS))} ${noun(c)}\n</button>`;
    case 4:
      return `<input className="${classes(c)}" value={String(${v} ?? '')} onChange={(e) => ${callable(c)}(e.target.value)} />`;
    case 5:
      return `{${v} && (\n  <div className="${classes(c)}">\n${indent(jsxChildren(c, depth, vars), '    ')}\n  </div>\n)}`;
    case 6:
      return `<ul className="${classes(c)}">\n  {(${v} ?? []).map((item) => (\n    <li key={item.id} className="${classes(c)}">\n      {item.${prop(c)}}\n    </li>\n  ))}\n</ul>`;
    default: {
      const tag = c.r.pick(HTML_TAGS);
      return `<${tag} className="${classes(c)}">\n${indent(jsxChildren(c, depth, vars), '  ')}\n</${tag}>`;
    }
  }
}

export function componentBlock(c, { name, exported = true } = {}) {
  name ??= fresh(c, () => pascal(noun(c), c.r.pick(['Card', 'List', 'Panel', 'Table', 'Row', 'Header', 'Dialog', 'Form', 'Badge', 'Menu', 'Picker', 'Summary'])));
  const props = c.r.sample(PROPS, c.r.int(2, 5));
  const stateName = noun(c);
  const propsType = `${name}Props`;
  const parts = [];
  if (c.ts) {
    parts.push(
      `${exported ? 'export ' : ''}interface ${propsType} {\n${props.map((p) => `  ${p}${c.r.chance(0.3) ? '?' : ''}: ${typeExpr(c)};`).join('\n')}\n  onChange?: (value: string) => void;\n}`,
    );
    c.types.push(propsType);
  }
  const vars = [...props, stateName, `${stateName}Items`];
  const scope = { vars: [...vars], async: false, depth: 1 };
  const effectScope = { vars: [...vars], async: false, depth: 1 };
  const body = [
    `const [${stateName}, set${cap(stateName)}] = useState${gen(c, `${typeExpr(c)} | null`)}(null);`,
    `const ${stateName}Items = useMemo(() => ${arrowBody(expr(c, scope))}, [${props.slice(0, 2).join(', ')}]);`,
  ];
  if (c.r.chance(0.7)) {
    body.push(`\nuseEffect(() => {\n${indent(statements(c, effectScope, c.r.int(1, 4)), '  ')}\n}, [${props[0]}]);`);
  }
  if (c.r.chance(0.5)) {
    body.push(`\nconst handle${cap(c.r.pick(VERBS))} = useCallback(() => {\n${indent(statements(c, { ...effectScope }, c.r.int(1, 3)), '  ')}\n  set${cap(stateName)}(null);\n}, []);`);
  }
  body.push(`\nif (!${props[0]}) {\n  return null;\n}`);
  const tag = c.r.pick(HTML_TAGS);
  body.push(`\nreturn (\n  <${tag} className="${classes(c)}">\n${indent(jsxChildren(c, 0, vars), '    ')}\n  </${tag}>\n);`);
  c.components.push(name);
  const sig = `{ ${props.join(', ')} }${c.ts ? `: ${propsType}` : ''}`;
  const kw = exported ? (c.cjs ? '' : 'export ') : '';
  parts.push(`${kw}function ${name}(${sig}) {\n${indent(body.join('\n'), '  ')}\n}`);
  return parts.join('\n\n');
}

export function hookBlock(c, { name, exported = true } = {}) {
  name ??= fresh(c, () => camel('use', noun(c), c.r.pick(['', 'State', 'Query', 'Filters', 'Selection', 'Form'])));
  const n = noun(c);
  const scope = { vars: ['params', n, 'status'], async: true, depth: 1 };
  c.fns.push(name);
  return `${exported ? 'export ' : ''}function ${name}(params${ann(c, typeExpr(c))}) {
  const [${n}, set${cap(n)}] = useState${gen(c, `${typeExpr(c)}[]`)}([]);
  const [status, setStatus] = useState${gen(c, "'idle' | 'loading' | 'error'")}('idle');

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    (async () => {
${indent(statements(c, scope, c.r.int(1, 4)), '      ')}
      if (!cancelled) setStatus('idle');
    })().catch(() => setStatus('error'));
    return () => {
      cancelled = true;
    };
  }, [params]);

  const reload = useCallback(() => set${cap(n)}([]), []);
  return { ${n}, status, reload };
}`;
}

export function reducerBlock(c, { name } = {}) {
  const n = name ? name.replace(/Slice$/, '') : noun(c);
  name ??= fresh(c, () => `${n}Slice`);
  const actions = c.r.sample(VERBS, c.r.int(2, 6));
  const cases = actions
    .map((a) => `    ${camel(a, n)}(state${ann(c, 'Draft')}, action${ann(c, `PayloadAction<${typeExpr(c)}>`)}) {\n${indent(statements(c, { vars: ['state', 'action.payload'], async: false, depth: 1 }, c.r.int(1, 3)), '      ')}\n    },`)
    .join('\n');
  return `${exportKw(c, name, true)}const ${name} = createSlice({\n  name: '${n}',\n  initialState: ${objectLiteral(c, [], 4)},\n  reducers: {\n${cases}\n  },\n});`;
}

// ------------------------------------------------------------------------------------------- tests

export function testFileBody(c, { target, targetIsComponent, size }) {
  const lines = [];
  lines.push(`describe('${target}', () => {`);
  if (c.r.chance(0.5)) lines.push(`  beforeEach(() => {\n    vi.clearAllMocks();\n  });\n`);
  let text = lines.join('\n');
  let i = 0;
  while (text.length < size || i < 2) {
    i++;
    const title = sentence(c, 3, 9).toLowerCase();
    const scope = { vars: ['input', 'result', 'expected'], async: true, depth: 1 };
    let body;
    if (targetIsComponent && c.jsx) {
      const p = prop(c);
      body = `    render(<${target} ${p}={${lit(c)}} />);\n    expect(screen.getByText(/${c.r.pick(STRINGS)}/i)).toBeInTheDocument();\n    await userEvent.click(screen.getByRole('button'));\n    expect(screen.queryByRole('dialog')).${c.r.chance(0.5) ? 'not.' : ''}toBeNull();`;
    } else {
      body = `    const input = ${objectLiteral(c, [], c.r.int(2, 5))};\n    const expected = ${objectLiteral(c, [], c.r.int(2, 4))};\n${indent(statements(c, scope, c.r.int(0, 3)), '    ')}\n    const result = await ${target}(input);\n    expect(result).${c.r.pick(['toEqual(expected)', 'toMatchObject(expected)', 'toBeDefined()', 'not.toBeNull()'])};`;
    }
    text += `\n  it('${title}', async () => {\n${body}\n  });\n`;
  }
  return `${text}});`;
}

// ------------------------------------------------------------------------------------- route handlers

export function nextRouteBlock(c, method) {
  const scope = { vars: ['body', 'params', 'session'], async: true, depth: 1 };
  const readBody = method === 'GET' ? `const params = Object.fromEntries(new URL(request.url).searchParams);\n  const body = null;` : `const body = await request.json();\n  const params = {};`;
  return `export async function ${method}(request${ann(c, 'Request')}) {
  const session = await getSession(request);
  if (!session) {
    return Response.json({ error: 'unauthorized' }, { status: 401 });
  }
  ${readBody}
${indent(statements(c, scope, c.r.int(2, 6)), '  ')}
  return Response.json(${objectLiteral(c, scope.vars)});
}`;
}

export function expressRouteBlock(c) {
  const method = c.r.pick(['get', 'get', 'post', 'put', 'delete', 'patch']);
  const scope = { vars: ['req.params.id', 'req.body', 'req.query', 'req.user'], async: true, depth: 1 };
  return `router.${method}('/${noun(c)}s${c.r.chance(0.6) ? '/:id' : ''}', async (req, res, next) => {
  try {
${indent(statements(c, scope, c.r.int(2, 6)), '    ')}
    res.status(${method === 'post' ? 201 : 200}).json(${objectLiteral(c, scope.vars)});
  } catch (err) {
    next(err);
  }
});`;
}

export function middlewareBlock(c, { name } = {}) {
  name ??= fresh(c, () => camel('require', noun(c)));
  const scope = { vars: ['req.headers', 'req.user', 'token'], async: true, depth: 1 };
  c.fns.push(name);
  return `${exportKw(c, name, true)}function ${name}(options${ann(c, '{ optional?: boolean }')} = {}) {
  return async (req${ann(c, 'Request')}, res${ann(c, 'Response')}, next${ann(c, 'NextFunction')}) => {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!token && !options.optional) {
      return res.status(401).json({ error: 'missing token' });
    }
${indent(statements(c, scope, c.r.int(1, 4)), '    ')}
    next();
  };
}`;
}

// --------------------------------------------------------------------------------------- config files

export function configFile(c, name, pkgName) {
  switch (name) {
    case '.eslintrc.cjs':
      return `/** @type {import('eslint').Linter.Config} */
module.exports = {
  root: ${c.r.chance(0.2)},
  parser: '@typescript-eslint/parser',
  plugins: ['@typescript-eslint', 'import'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'prettier'],
  rules: {
${c.r.sample(['no-console', 'eqeqeq', 'curly', 'no-shadow', 'import/order', 'prefer-const', 'no-unused-vars', '@typescript-eslint/no-explicit-any', 'import/no-cycle'], c.r.int(3, 8)).map((rule) => `    '${rule}': '${c.r.pick(['error', 'warn', 'off'])}',`).join('\n')}
  },
  ignorePatterns: ['dist', 'coverage', '*.gen.ts'],
};
`;
    case 'vite.config.mjs':
      return `import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': path.resolve(import.meta.dirname, 'src') },
  },
  server: { port: ${c.r.int(3000, 5999)}, proxy: { '/api': 'http://localhost:${c.r.int(8000, 8999)}' } },
  build: { sourcemap: ${c.r.chance(0.5)}, outDir: 'dist' },
});
`;
    case 'jest.config.cjs':
      return `/** ${pkgName}: ${sentence(c)} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: '${c.r.pick(['node', 'jsdom'])}',
  roots: ['<rootDir>/src'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  coverageThreshold: { global: { branches: ${c.r.int(50, 90)}, lines: ${c.r.int(60, 95)} } },
};
`;
    case 'postcss.config.js':
      return `module.exports = {\n  plugins: {\n    tailwindcss: {},\n    autoprefixer: {},\n  },\n};\n`;
    case 'tailwind.config.js': {
      const colors = c.r.sample(STRINGS, 5).map((s) => `        '${s}': '#${c.r.int(0x100000, 0xffffff).toString(16)}',`);
      return `/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ['./src/**/*.{ts,tsx}', '../../packages/ui/src/**/*.{ts,tsx}'],
  darkMode: 'class',
  theme: {
    extend: {
      colors: {
${colors.join('\n')}
      },
    },
  },
  plugins: [require('@tailwindcss/forms')],
};
`;
    }
    case 'next.config.mjs':
      return `/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  transpilePackages: ['@acme/ui', '@acme/shared'],
  images: { remotePatterns: [{ protocol: 'https', hostname: 'cdn.example.com' }] },
  async redirects() {
    return [{ source: '/old-${noun(c)}s', destination: '/${noun(c)}s', permanent: true }];
  },
};

export default nextConfig;
`;
    case 'babel.config.cjs':
      return `module.exports = {\n  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-react'],\n  plugins: ['@babel/plugin-transform-runtime'],\n};\n`;
    case 'vitest.config.mts':
      return `import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: '${c.r.pick(['node', 'jsdom', 'happy-dom'])}',
    setupFiles: ['./src/test/setup.ts'],
    coverage: { provider: 'v8', reporter: ['text', 'lcov'] },
  },
});
`;
    default:
      throw new Error(`unknown config ${name}`);
  }
}
