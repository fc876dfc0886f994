import { parseJson } from '../core/json.ts';
import { queryValueOf } from '../generate/mutations.ts';
import type { Operation } from '../spec/operation.ts';
import type { SchemaViolation, Validators } from '../spec/validators.ts';

/** Why a JSON request body breaks the operation's documented schema: not JSON at all, or its first violation. */
export type BodyProblem =
  | { readonly kind: 'not-json' }
  | { readonly kind: 'schema'; readonly violation: SchemaViolation };

/**
 * Validates a request body against the operation's JSON schema, as a server generated from its spec does; an
 * empty optional body passes. `ignored` lists keywords a fault lets through (an API that forgot a rule).
 */
export function requestBodyProblem(
  op: Operation,
  validators: Validators,
  body: string,
  ignored: ReadonlySet<string> = new Set(),
): BodyProblem | undefined {
  const pointer = op.requestBody?.content.find((c) => c.mediaType === 'application/json')?.schemaPointer;
  if (!pointer || (body === '' && !op.requestBody?.required)) return undefined;
  const parsed = parseJson(body);
  if (!parsed.ok) return { kind: 'not-json' };
  const violation = validators.validate(pointer, parsed.value).find((v) => !ignored.has(v.keyword));
  return violation ? { kind: 'schema', violation } : undefined;
}

/** The first query parameter that breaks its documented schema (numbers and booleans parsed first), or a required one left out. */
export function queryProblem(
  op: Operation,
  validators: Validators,
  query: URLSearchParams,
): string | undefined {
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const value = query.get(p.name);
    if (value === null) {
      if (p.required) return `query ${p.name} is required`;
      continue;
    }
    const [violation] = validators.validateSchema(
      `${op.id}:query:${p.name}`,
      p.schema ?? {},
      queryValueOf(value),
    );
    if (violation) return `query ${p.name} ${violation.documented}`;
  }
  return undefined;
}
