import type { Router } from '../spec/path-router.ts';
import type { MockResponse } from './mock-types.ts';

/**
 * The answer to a method a known path does not document: 405 with `Allow` listing what the path supports
 * (RFC 9110 §15.5.6: the origin server MUST send Allow with a 405), in the mock's own error body; undefined for
 * a path no route knows (a 404 is the mock's to give).
 */
export function methodNotAllowed(
  router: Router,
  path: string,
  body: (status: number, message: string) => MockResponse,
): MockResponse | undefined {
  const methods = router.methodsOf(path);
  if (methods.length === 0) return undefined;
  const answer = body(405, 'Method Not Allowed');
  return { ...answer, headers: { ...answer.headers, allow: methods.join(', ') } };
}
