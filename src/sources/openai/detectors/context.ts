/** The detector types are shared by every source: see src/sources/source.ts. */
export type { DetectContext, Detector, FileNodes, SiteDraft } from '../../source.js';
