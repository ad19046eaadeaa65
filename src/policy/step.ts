import type { Action, Step, Verdict } from './decide.js';

/** One step of a decision, with only the optional parts that are given (decide.ts and adapters.ts). */
export function step(verdict: Verdict, subject: string, action: Action, reason: string, note?: string, field?: string, to?: string): Step {
  const s: Step = { verdict, subject, action, reason };
  if (note !== undefined) s.note = note;
  if (field !== undefined) s.field = field;
  if (to !== undefined) s.to = to;
  return s;
}
