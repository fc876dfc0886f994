import { describe, expect, it } from 'vitest';
import { contextFor, exchange, exchanges, GOOD_THING, jsonResponse } from '../testing/fixtures.ts';
import { authRejection, rejectStatusesFor } from './auth-rejection.ts';

const ctx = contextFor('GetThing');
const REFUSED = jsonResponse(401, { code: 401, message: 'Unauthorized' });
const all = (response: Parameters<typeof exchange>[0]) =>
  Object.fromEntries(
    ['no-credentials', 'malformed-credential', 'wrong-scheme', 'unknown-credential'].map((v) => [
      v,
      exchange(response, { label: v }),
    ]),
  );
const titles = (variants: Record<string, ReturnType<typeof exchange>>) =>
  authRejection.verify(ctx, exchanges(exchange(GOOD_THING), variants)).map((f) => `${f.variant}: ${f.title}`);

describe('auth check', () => {
  it('builds the four probes from the profile credential', () => {
    const base = {
      method: 'GET',
      url: 'http://x/things/t1',
      headers: { Authorization: 'token secret-token-123', Accept: 'a' },
    };
    const sent = authRejection.variants?.(ctx).map((v) => [v.name, v.change(base).headers.Authorization]);
    expect(sent).toEqual([
      ['no-credentials', undefined],
      ['malformed-credential', 'token'],
      ['wrong-scheme', 'Bearer secret-token-123'],
      ['unknown-credential', 'token conformance-unknown-test'],
    ]);
  });

  it('passes when every probe gets 401 with the documented body', () => {
    expect(titles(all(REFUSED))).toEqual([]);
  });

  it('finds an operation that answers without credentials', () => {
    expect(titles({ ...all(REFUSED), 'no-credentials': exchange(GOOD_THING) })).toEqual([
      'no-credentials: Not refused: no-credentials',
    ]);
  });

  it('finds the wrong status for a missing credential (403 instead of 401)', () => {
    expect(
      titles({
        ...all(REFUSED),
        'no-credentials': exchange(jsonResponse(403, { code: 403, message: 'Unauthorized' })),
      }),
    ).toEqual(['no-credentials: Not refused: no-credentials']);
  });

  it('finds an error body of the wrong shape', () => {
    const html = { status: 401, headers: { 'content-type': 'text/html' }, body: '<h1>401</h1>' };
    expect(titles({ ...all(REFUSED), 'unknown-credential': exchange(html) })).toEqual([
      'unknown-credential: Error body of the wrong shape',
    ]);
  });

  it('finds a different 401 message', () => {
    expect(
      titles({
        ...all(REFUSED),
        'wrong-scheme': exchange(jsonResponse(401, { code: 401, message: 'nope' })),
      }),
    ).toEqual(['wrong-scheme: Unexpected error message']);
  });

  it('does not apply to operations that need no credential', () => {
    expect(authRejection.notApplicable?.({ ...ctx, requiresAuth: false })).toBe(
      'the operation needs no credential',
    );
  });

  it('takes a refusal as any of 401 and 403 the operation documents, unless the profile narrows it', () => {
    const op = {
      ...ctx.operation,
      responses: [
        ...ctx.operation.responses,
        { status: '401', content: [], headers: [], links: [] },
        { status: '403', content: [], headers: [], links: [] },
      ],
    };
    const documented = { ...ctx, operation: op };
    const forbidden = exchange(jsonResponse(403, { code: 403, message: 'Unauthorized' }));
    const verdict = (c: typeof ctx) =>
      authRejection
        .verify(c, exchanges(exchange(GOOD_THING), { ...all(REFUSED), 'no-credentials': forbidden }))
        .map((f) => f.title);
    expect(rejectStatusesFor(documented)).toEqual([401, 403]);
    expect(verdict(documented)).toEqual([]);
    const narrowed = {
      ...documented,
      target: {
        ...ctx.target,
        profile: { ...ctx.target.profile, auth: { operations: { GetThing: { rejectStatuses: [401] } } } },
      },
    };
    expect(rejectStatusesFor(narrowed)).toEqual([401]);
    expect(verdict(narrowed)).toEqual(['Not refused: no-credentials']);
  });
});
