/** Programmatic API: what the commands run, as plain data. */
export { scan, analyze, type ScanOptions, type ScanResult } from './pipeline/run.js';
export { migrate, type MigrateOptions, type MigrateResult, type FileOutcome } from './pipeline/migrate.js';
export type { PlanItem, Bucket } from './pipeline/plan.js';
export type { Site, SiteKind, Sdk, Confidence, SkippedFile } from './pipeline/sites.js';
export { builtinTemplates, resolveProviderId } from './templating/builtins.js';
export type { Template } from './templating/schema.js';
export { verdictsForSites, rankProviders, type Verdict } from './verdict/verdict.js';
