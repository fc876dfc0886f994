import type { Vitest } from 'vitest/node';
import { isSetupError } from '../core/errors.ts';
import { firstLine } from '../report/collect-run.ts';
import { writeSetupFailureReports } from '../report/write-reports.ts';

/**
 * A run whose global set-up threw (an embedded mock that cannot start) ends here: one error line instead of a
 * stack trace, reports that say the run is incomplete and why, and the error's exit code (1 if it has none). The
 * process exits: mocks the set-up had already started are out of reach and would keep it alive.
 */
export async function setupCrashed(
  vitest: Vitest,
  error: unknown,
  reportsDir: string,
  startedAt: string,
): Promise<never> {
  await vitest.close();
  const message = firstLine(error instanceof Error ? error.message : String(error));
  console.error(`error: ${message}`);
  writeSetupFailureReports(reportsDir, message, startedAt);
  process.exit(isSetupError(error) ? error.exitCode : 1);
}
