// The one source of the profile format: profiles/profile.schema.json (for editors) is written from it, and
// the profile's TypeScript types are derived from it (json-schema-to-ts), so the two cannot drift apart.
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
    pagination: {
      type: 'object',
      additionalProperties: false,
      description:
        'Pagination: by offset (limitParam, offsetParam), page number (pageParam) or cursor (cursorParam); total, size and next page in headers (totalHeader, Link) or in the body (JSON pointers). Checked on every GET that has the size and position parameters.',
      properties: {
        limitParam: {
          type: 'string',
        },
        offsetParam: {
          type: 'string',
        },
        pageParam: {
          type: 'string',
          description: 'Page-number parameter (the first page is 1).',
        },
        cursorParam: {
          type: 'string',
          description: 'Cursor parameter; the next cursor comes from cursorPointer.',
        },
        totalHeader: {
          type: 'string',
        },
        limitHeader: {
          type: 'string',
        },
        offsetHeader: {
          type: 'string',
        },
        link: {
          type: 'boolean',
          description: 'Responses carry a Link header with first/prev/next/last.',
        },
        probeLimit: {
          type: 'integer',
          minimum: 1,
          description: 'Page size of the pagination probe.',
        },
        maxPages: {
          type: 'integer',
          minimum: 1,
          description: 'Pages followed along rel=next at most.',
        },
        itemsPointer: {
          type: 'string',
          pattern: '^(/.*)?$',
          description:
            'JSON pointer to the items of a page (default: response.envelope, else the body itself).',
        },
        totalPointer: {
          type: 'string',
          pattern: '^(/.*)?$',
          description: 'JSON pointer to the total number of items, e.g. /meta/total_count.',
        },
        nextPointer: {
          type: 'string',
          pattern: '^(/.*)?$',
          description: 'JSON pointer to the URL of the next page, e.g. /links/next.',
        },
        cursorPointer: {
          type: 'string',
          pattern: '^(/.*)?$',
          description: 'JSON pointer to the next cursor, e.g. /meta/next_cursor.',
        },
      },
    },
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
  definitions: {
    names: {
      type: 'array',
      items: {
        type: 'string',
      },
    },
    statuses: {
      type: 'array',
      items: {
        type: 'integer',
        minimum: 100,
        maximum: 599,
      },
      minItems: 1,
    },
    credential: {
      type: 'object',
      additionalProperties: false,
      required: ['env'],
      properties: {
        header: {
          type: 'string',
          description: 'Header that carries it (Authorization, X-Api-Key, \u2026).',
        },
        in: {
          enum: ['header', 'query', 'cookie'],
          description: 'Where it goes: a header (default), a query parameter or a cookie.',
        },
        name: {
          type: 'string',
          description: 'Query parameter or cookie name (with in: query or in: cookie).',
        },
        scheme: {
          type: 'string',
          description: 'Word before the secret (token, ApiKey, Bearer); empty for a bare API-key header.',
        },
        env: {
          type: 'string',
          description: 'Variable holding the secret.',
        },
        mockValue: {
          type: 'string',
          description: 'Secret the embedded mock accepts.',
        },
        securityScheme: {
          type: 'string',
          description: "Name of the spec's securitySchemes entry this credential satisfies.",
        },
      },
      anyOf: [
        {
          required: ['header'],
        },
        {
          required: ['in', 'name'],
        },
      ],
    },
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['policy'],
      properties: {
        policy: {
          enum: ['reject', 'tolerate'],
        },
        statuses: {
          $ref: '#/definitions/statuses',
        },
        value: {
          type: 'string',
        },
      },
    },
  },
} as const;
