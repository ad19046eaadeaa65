#!/usr/bin/env node
// Part of `npm run build`: validates every built-in template (a broken one fails the build) and writes
// them to dist/builtin-templates.json, which the CLI reads instead of loading the YAML parser and the
// schema validator on every run (src/templates/builtins.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTemplatesFrom, templatesDir } from '../dist/templates/load.js';

const out = fileURLToPath(new URL('../dist/builtin-templates.json', import.meta.url));
writeFileSync(out, JSON.stringify(loadTemplatesFrom(templatesDir())));
