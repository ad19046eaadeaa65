// Types for compiler.js (see there): the `ts` namespace that ts-morph bundles, as a value and its types.
export { ts } from 'ts-morph';
