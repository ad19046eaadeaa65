import { readFileSync } from 'node:fs';

/**
 * Where rule help points: the package's `homepage` once it has one, else the README shipped in the package
 * (it exists wherever qianyi is installed). Anchors are README headings; a test resolves each one.
 */
const PACKAGE_URL = new URL('../../package.json', import.meta.url);
const homepage = (JSON.parse(readFileSync(PACKAGE_URL, 'utf8')) as { homepage?: string }).homepage;
export const DOCS_URL = homepage ? homepage.replace(/#.*$/, '') : new URL('README.md', PACKAGE_URL).href;

export function docsLink(anchor: string): string {
  return `${DOCS_URL}#${anchor}`;
}
