import type { ScanReport } from './report.js';

export function json(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
