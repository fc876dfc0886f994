// Parts of the profile schema (profile-schema.ts) that stand on their own: the definitions its properties refer to
// (`#/definitions/...`) and the description of pagination, the largest property. `as const`, like the whole, so the
// profile's types are still derived from them.

/** The schema's shared definitions: lists of names and statuses, a credential, an auth policy. */
export const PROFILE_DEFINITIONS = {
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
} as const;

/** How an API pages its lists, and where a page says its size, position and what comes next. */
export const PAGINATION_SCHEMA = {
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
      description: 'JSON pointer to the items of a page (default: response.envelope, else the body itself).',
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
} as const;
