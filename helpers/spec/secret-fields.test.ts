import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OpenApiDoc } from './load-spec.ts';
import { secretFields } from './secret-fields.ts';

const PUBLISHED = '../shared/reference/pulumi-spec.json';

describe('fields a spec marks as secret', () => {
  it('finds format: password, writeOnly and descriptions that say so, for strings only, wherever the schema sits', () => {
    const doc: OpenApiDoc = {
      openapi: '3.1.0',
      paths: {
        '/enrol': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      pin: { type: 'string', format: 'password' },
                      recovery: { type: ['string', 'null'], writeOnly: true },
                      hookSig: { type: 'string', description: 'HMAC secret for signing deliveries.' },
                      secretLabel: { type: 'string', description: 'The secret name' },
                      attempts: { type: 'integer', writeOnly: true },
                      name: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: { Login: { properties: { passcode: { format: 'password' }, nested: { $ref: '#/x' } } } },
      },
    };
    expect(secretFields(doc)).toEqual(['hookSig', 'passcode', 'pin', 'recovery']);
  });

  it.skipIf(!existsSync(PUBLISHED))(
    "on Pulumi's published spec, flags its credentials and none of its names or ids",
    () => {
      const fields = secretFields(JSON.parse(readFileSync(PUBLISHED, 'utf8')) as OpenApiDoc);
      expect(fields).toEqual(
        expect.arrayContaining(['secretAccessKey', 'sessionToken', 'webhookSecret', 'password']),
      );
      for (const innocent of [
        'secretName',
        'id',
        'environmentPath',
        'value',
        'typeToken',
        'tokenLifetime',
        'email',
        'name',
      ])
        expect(fields).not.toContain(innocent);
    },
  );
});
