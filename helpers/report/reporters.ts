import type { Reporter } from 'vitest/node';
import type { Config } from '../config/env.ts';
import { ConformanceReporter } from './conformance-reporter.ts';
import { ConsoleReporter } from './console-reporter.ts';
import { ConformanceJUnitReporter } from './junit-reporter.ts';

/**
 * The reporters of a run: the console (vitest's own for `npm test`, the suite's for `npm run conformance`), then
 * junit.xml, index.html and summary.json in `reportsDir`.
 */
export function reporters(
  cfg: Pick<Config, 'reportsDir' | 'noColor'>,
  console: 'vitest' | 'conformance',
): (Reporter | 'default')[] {
  const terminal = process.stdout.isTTY === true;
  return [
    console === 'vitest'
      ? 'default'
      : new ConsoleReporter({ reportsDir: cfg.reportsDir, color: terminal && !cfg.noColor, live: terminal }),
    new ConformanceJUnitReporter({ outputFile: `${cfg.reportsDir}/junit.xml`, suiteName: 'api-conformance' }),
    new ConformanceReporter(cfg.reportsDir),
  ];
}
