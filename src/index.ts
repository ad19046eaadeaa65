/** Programmatic API. */
export { scan, type ScanOptions, type ScanResult } from './pipeline/run.js';
export type { Site, SiteKind, Sdk, Confidence, SkippedFile } from './pipeline/sites.js';
