import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';

/** Turns zod issues into `{ path, message }` with dotted paths (`categories.violence.severe`). */
export function zodIssuesToConfigIssues(issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => String(p)).join('.');
    // zod reports unknown keys on the parent; name the key itself so the user finds it.
    if (issue.code === 'unrecognized_keys') {
      return { path: [path, ...issue.keys].filter(Boolean).join('.'), message: 'unknown field' };
    }
    return { path, message: issue.message };
  });
}
