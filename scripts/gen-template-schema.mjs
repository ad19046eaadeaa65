#!/usr/bin/env node
// Writes templates/schema.json from the zod schema (run `npm run build` first: this reads dist/).
// test/templates/registry.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { templateJsonSchema } from '../dist/templates/schema.js';

const out = fileURLToPath(new URL('../templates/schema.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(templateJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
