/** An OpenAPI 3.0 document with n GET operations over 50 component schemas, one of them recursive. */
export function syntheticSpec(n: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Node: {
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
      },
    },
  };
  for (let k = 0; k < 50; k++) {
    schemas[`Item${k}`] = {
      type: 'object',
      required: ['id', 'name', 'created'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string', minLength: 1 },
        created: { type: 'string', format: 'date-time' },
        count: { type: 'integer', minimum: 0 },
        ratio: { type: 'number', nullable: true },
        tags: { type: 'array', items: { type: 'string' } },
        state: { type: 'string', enum: ['new', 'active', 'gone'] },
        tree: { $ref: '#/components/schemas/Node' },
      },
    };
  }
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    paths[`/r${i}/{id}`] = {
      get: {
        operationId: `get${i}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/Item${i % 50}` } } },
          },
          '404': {
            description: 'missing',
            content: {
              'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } },
            },
          },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: `synthetic ${n}`, version: '1' },
    paths,
    components: { schemas },
  };
}
