// The one source of the profile format: profiles/profile.schema.json (for editors) is written from it, and
// the profile's TypeScript types are derived from it (json-schema-to-ts), so the two cannot drift apart.
import { PAGINATION_SCHEMA, PROFILE_DEFINITIONS } from './profile-schema-parts.ts';

/** JSON Schema of a profile file. */
export const PROFILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://api-conformance.local/profile.schema.json',
  title: 'Conformance profile',
  description:
    "Describes one API to the suite: where its spec and target are, how it authenticates, what its errors look like and what the suite may do to it. String values in parameters.fixed, requests and requiredHeaders may hold {env:VAR}: the variable's value, treated as a secret.",
  type: 'object',
  additionalProperties: false,
  required: ['name', 'spec'],
  properties: {
    $schema: {
      type: 'string',
    },
    name: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9-]*$',
      description: 'Short name used in test names and reports.',
    },
    title: {
      type: 'string',
    },
    mock: {
      type: 'string',
      description: 'Embedded mock to start when the base URL variable is unset (pulumi, cloudpirates).',
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        path: {
          type: 'string',
          description: 'Spec file, relative to the profile file.',
        },
        url: {
          type: 'string',
          description: "Spec URL; {baseUrl} is replaced by the target's base URL.",
        },
        env: {
          type: 'string',
          description: 'Variable whose value (a path or URL) overrides path and url.',
        },
        withCredential: {
          type: 'boolean',
          description:
            "Send the target's credential with the spec download even when the spec is served from another origin than the base URL (a private spec host that needs it). Off: the credential goes only to the base URL's own origin.",
        },
      },
    },
    baseUrl: {
      type: 'object',
      additionalProperties: false,
      properties: {
        default: {
          type: 'string',
        },
        env: {
          type: 'string',
          description: 'Variable holding the live base URL; set means live mode.',
        },
      },
    },
    credential: {
      $ref: '#/definitions/credential',
      description: 'The default credential; leave it out for an API without authentication.',
    },
    extraCredentials: {
      type: 'object',
      description: "Further credentials keyed by the spec's securitySchemes name.",
      additionalProperties: {
        $ref: '#/definitions/credential',
      },
    },
    requiredHeaders: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: {
          name: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
          env: {
            type: 'string',
            description: 'Variable that overrides value.',
          },
          absent: {
            $ref: '#/definitions/policy',
          },
          unsupported: {
            allOf: [
              {
                $ref: '#/definitions/policy',
              },
            ],
            required: ['value'],
          },
        },
      },
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      properties: {
        rejectStatuses: {
          $ref: '#/definitions/statuses',
        },
        message: {
          type: 'string',
          description: 'Exact message the API puts in its 401 body.',
        },
        publicOperations: {
          $ref: '#/definitions/names',
        },
        otherSchemeStatuses: {
          $ref: '#/definitions/statuses',
          description:
            'Statuses an operation answers when it refuses a credential of a scheme it does not accept (default: rejectStatuses).',
        },
        operations: {
          type: 'object',
          description:
            'Per operationId: the statuses that refuse a credential there (default: the 401 and 403 the operation documents, else rejectStatuses).',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              rejectStatuses: {
                $ref: '#/definitions/statuses',
              },
            },
          },
        },
      },
    },
    errorShape: {
      type: 'object',
      additionalProperties: false,
      properties: {
        schema: {
          type: 'object',
        },
        ref: {
          type: 'string',
          pattern: '^#/',
        },
      },
    },
    consistency: {
      type: 'object',
      additionalProperties: false,
      properties: {
        windowMs: {
          type: 'integer',
          minimum: 0,
        },
        notYetVisible: {
          $ref: '#/definitions/statuses',
        },
        pairs: {
          type: 'array',
          description: 'Read-after-write pairs beyond what links, Location headers and same-path GETs give.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['write', 'read'],
            properties: {
              write: {
                type: 'string',
              },
              read: {
                type: 'string',
              },
            },
          },
        },
      },
    },
    writes: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowed: {
          type: 'boolean',
          description: 'Allow writes against a live target (ALLOW_WRITES=true does too).',
        },
        exclude: {
          $ref: '#/definitions/names',
        },
      },
    },
    operations: {
      type: 'object',
      additionalProperties: false,
      properties: {
        exclude: {
          $ref: '#/definitions/names',
        },
      },
    },
    parameters: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fixed: {
          type: 'object',
          additionalProperties: {
            type: 'string',
          },
        },
        discover: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['operation', 'pointer'],
            properties: {
              operation: {
                type: 'string',
              },
              pointer: {
                type: 'string',
                pattern: '^(/.*)?$',
              },
            },
          },
        },
        owned: {
          $ref: '#/definitions/names',
          description: 'Variables naming resources: writes use only values this run created.',
        },
      },
    },
    requests: {
      type: 'object',
      description: 'Per operationId: parameter, query and body templates ({var} is replaced) and captures.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          params: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          query: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          body: {},
          mediaType: {
            type: 'string',
          },
          capture: {
            type: 'object',
            additionalProperties: {
              type: 'string',
              pattern: '^\\$(request|response)\\.(body|header)',
            },
          },
        },
      },
    },
    pagination: PAGINATION_SCHEMA,
    response: {
      type: 'object',
      additionalProperties: false,
      properties: {
        envelope: {
          type: 'string',
          pattern: '^(/.*)?$',
          description:
            'JSON pointer to the payload inside every JSON response, e.g. /data for {data: \u2026} envelopes.',
        },
      },
    },
  },
  definitions: PROFILE_DEFINITIONS,
} as const;
