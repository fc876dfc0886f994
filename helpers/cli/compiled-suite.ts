import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The conformance suites' module, compiled beside this command line by launch.mjs (which leaves this file's
 * `import.meta.url` alone); undefined when the command line runs from its TypeScript sources.
 */
export function compiledSuite(): string | undefined {
  const file = fileURLToPath(new URL('./suite.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}
