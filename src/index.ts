/** Programmatic API: what the commands run, as plain data. */
export { scan, analyze, type ScanOptions, type ScanResult } from './scan/scan.js';
export { migrate, type MigrateOptions, type MigrateResult, type FileOutcome } from './migrate/migrate.js';
export type { PlanItem, Bucket } from './migrate/plan.js';
export type { Site, SiteKind, Sdk, Confidence, SkippedFile } from './scan/sites.js';
export { builtinTemplates, resolveProviderId } from './templates/builtins.js';
export type { Template } from './templates/schema.js';
export { verdictsForSites, rankProviders, type Verdict } from './policy/verdict.js';
export type { CatalogEntry, Price } from './templates/schema.js';
export { lifecycle, modelPrice, stalenessWarnings, type Lifecycle, type ModelPrice } from './templates/catalog.js';
export { providerCost, type ProviderCost } from './reporters/cost.js';
export { combinationsFor, runVerify, type VerifyReport, type VerifyCheck } from './commands/verify.js';
