import { SetupError } from '../core/errors.ts';
import { authRejection } from './auth-rejection.ts';
import type { Check } from './check.ts';
import { headerConformance } from './header-conformance.ts';
import { negativeData } from './negative-data.ts';
import { otherSchemeRefusal } from './other-scheme-refusal.ts';
import { paginationConformance } from './pagination-conformance.ts';
import { positiveBoundaries } from './positive-boundaries.ts';
import { readAfterWrite } from './read-after-write.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { statusConformance } from './status-conformance.ts';
import { unknownResource } from './unknown-resource.ts';
import { unsupportedMethod } from './unsupported-method.ts';
import { urlConstruction } from './url-construction.ts';

/** Every check, by the name users switch it with (`CONFORMANCE_CHECKS=auth,schema`). */
export const CHECKS = {
  auth: authRejection,
  scheme: otherSchemeRefusal,
  headers: headerConformance,
  url: urlConstruction,
  status: statusConformance,
  schema: responseSchemaConformance,
  pagination: paginationConformance,
  consistency: readAfterWrite,
  'unknown-resource': unknownResource,
  'negative-data': negativeData,
  'positive-boundaries': positiveBoundaries,
  'unsupported-method': unsupportedMethod,
} as const satisfies Record<string, Check>;

/** Name of a check in the table. */
export type CheckName = keyof typeof CHECKS;

/** The checks selected by name (all when `names` is undefined); an unknown name is a set-up error. */
export function selectChecks(names: readonly string[] | undefined): Check[] {
  if (!names) return Object.values(CHECKS);
  const unknown = names.filter((n) => !(n in CHECKS));
  if (unknown.length > 0) {
    throw new SetupError(
      'CONFIG_INVALID',
      `CONFORMANCE_CHECKS names unknown checks: ${unknown.join(', ')}; known: ${Object.keys(CHECKS).join(', ')}.`,
    );
  }
  return names.filter((n): n is CheckName => n in CHECKS).map((n) => CHECKS[n]);
}
