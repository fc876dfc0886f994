import { describe, expect, it } from 'vitest';
import type { MockResponse } from '../mock-types.ts';
import { createPulumiMock, PULUMI_SPEC_ROUTE } from './pulumi-mock.ts';

const TOKEN = 'pul-test-token';
const AUTH = {
  authorization: `token ${TOKEN}`,
  accept: 'application/vnd.pulumi+8',
  'content-type': 'application/json',
};

function client() {
  const app = createPulumiMock({ accessToken: TOKEN });
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) =>
    app.handle({
      method,
      path,
      query: new URLSearchParams(path.split('?')[1] ?? ''),
      headers,
      body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    }) as MockResponse;
}

describe('the Pulumi mock', () => {
  it("refuses a missing or invalid token with Pulumi's 401 body", () => {
    const call = client();
    const body = { code: 401, message: 'Unauthorized: No credentials provided or are invalid.' };
    expect(call('GET', '/api/user', undefined, {})).toEqual({ status: 401, json: body });
    expect(call('GET', '/api/user', undefined, { authorization: 'token nope' })).toEqual({
      status: 401,
      json: body,
    });
    expect(call('GET', '/api/user', undefined, { authorization: `Bearer ${TOKEN}` })).toEqual({
      status: 401,
      json: body,
    });
  });

  it('answers unknown routes with a plain-text 404 and serves its own spec', () => {
    const call = client();
    expect(call('GET', '/api/nothing-here')).toEqual({ status: 404, text: '404 page not found' });
    const spec = call('GET', PULUMI_SPEC_ROUTE, undefined, {});
    expect(JSON.parse(spec.text ?? '{}').openapi).toBe('3.0.3');
  });

  it('tolerates a missing Accept and rejects an unsupported API version', () => {
    const call = client();
    expect(call('GET', '/api/user', undefined, { authorization: AUTH.authorization }).status).toBe(200);
    expect(call('GET', '/api/user', undefined, { ...AUTH, accept: 'application/vnd.pulumi+0' }).status).toBe(
      400,
    );
  });

  it('keeps state: a created stack can be read, renamed, and deleted', () => {
    const call = client();
    expect(call('POST', '/api/stacks/acme/website', { stackName: 'dev' }).status).toBe(200);
    expect(call('POST', '/api/stacks/acme/website', { stackName: 'dev' }).status).toBe(409);
    expect(call('GET', '/api/stacks/acme/website/dev').json).toMatchObject({
      stackName: 'dev',
      orgName: 'acme',
    });
    expect(
      call('POST', '/api/stacks/acme/website/dev/rename', { newName: 'dev2', newProject: 'website' }).status,
    ).toBe(200);
    expect(call('GET', '/api/stacks/acme/website/dev').status).toBe(404);
    expect(call('DELETE', '/api/stacks/acme/website/dev2').status).toBe(204);
    expect(call('DELETE', '/api/stacks/acme/website/production').json).toEqual({
      code: 400,
      message: 'Bad Request: Stack still contains resources.',
    });
  });

  it('decodes an encoded path segment and never answers 5xx for it', () => {
    const call = client();
    expect(call('GET', '/api/stacks/acme/website/a%2Fb%20%C3%BC').status).toBe(404);
  });

  it('issues tokens that authenticate until they are deleted', () => {
    const call = client();
    const created = call('POST', '/api/user/tokens', { description: 'ci', expires: 0 }).json as {
      id: string;
      tokenValue: string;
    };
    const asNew = { ...AUTH, authorization: `token ${created.tokenValue}` };
    expect(call('GET', '/api/user', undefined, asNew).status).toBe(200);
    expect(call('DELETE', `/api/user/tokens/${created.id}`).status).toBe(204);
    expect(call('GET', '/api/user', undefined, asNew).status).toBe(401);
  });

  it('serves ESC environment definitions as YAML and takes YAML updates', () => {
    const call = client();
    const read = call('GET', '/api/esc/environments/acme/shared/dev');
    expect(read.headers?.['content-type']).toBe('application/x-yaml');
    expect(read.text).toContain('region: eu-west-1');
    expect(
      call('PATCH', '/api/esc/environments/acme/shared/dev', 'values: {}\n', {
        ...AUTH,
        'content-type': 'application/x-yaml',
      }).status,
    ).toBe(200);
    expect(call('PATCH', '/api/esc/environments/acme/shared/dev', 'values: {}\n').status).toBe(400);
  });
});
