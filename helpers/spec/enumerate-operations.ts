import type { SpecDocument } from './load-spec.ts';
import type { LinkSpec, MediaTypeSpec, Operation, Parameter, ResponseSpec } from './operation.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows a `$ref` object (parameter, response, body, header, link) to its target through the parser. */
function deref(spec: SpecDocument, value: unknown): Obj {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === 'string' && hops < 16; hops++) {
    current = spec.resolve(current.$ref);
  }
  return isObj(current) ? current : {};
}

/** Where a schema sits: a `$ref` schema points at its component, an inline one at its own place. */
function mediaTypes(content: unknown, pointer: string): MediaTypeSpec[] {
  if (!isObj(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => {
    const schema = isObj(media) && isObj(media.schema) ? media.schema : undefined;
    if (!schema) return { mediaType: mediaType.toLowerCase() };
    const schemaPointer = `${pointer}/${escapePointer(mediaType)}/schema`;
    return { mediaType: mediaType.toLowerCase(), schemaPointer, schema };
  });
}

function parameters(spec: SpecDocument, pathLevel: unknown, opLevel: unknown): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of [pathLevel, opLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(spec, raw);
      if (typeof p.name !== 'string' || typeof p.in !== 'string') continue;
      const param: Parameter = {
        name: p.name,
        in: p.in as Parameter['in'],
        required: p.required === true || p.in === 'path',
        ...(isObj(p.schema) ? { schema: p.schema } : {}),
        ...(p.example !== undefined ? { example: p.example } : {}),
      };
      byKey.set(`${p.in}:${p.name}`, param);
    }
  }
  return [...byKey.values()];
}

function links(spec: SpecDocument, raw: unknown): LinkSpec[] {
  if (!isObj(raw)) return [];
  return Object.entries(raw).map(([name, value]) => {
    const link = deref(spec, value);
    const params = isObj(link.parameters) ? link.parameters : {};
    return {
      name,
      ...(typeof link.operationId === 'string' ? { operationId: link.operationId } : {}),
      parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    };
  });
}

function responses(spec: SpecDocument, raw: unknown, pointer: string): ResponseSpec[] {
  if (!isObj(raw)) return [];
  return Object.entries(raw).map(([status, value]) => {
    const ref = isObj(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
    const response = deref(spec, value);
    const base = ref ?? `${pointer}/${escapePointer(status)}`;
    const headers = isObj(response.headers)
      ? Object.entries(response.headers).map(([name, h]) => ({
          name,
          required: deref(spec, h).required === true,
        }))
      : [];
    return {
      status,
      content: mediaTypes(response.content, `${base}/content`),
      headers,
      links: links(spec, response.links),
    };
  });
}

/** True for operations the vendor marks internal: they are not part of the public contract. */
function isInternal(op: Obj): boolean {
  const pulumi = op['x-pulumi-route-property'];
  return op['x-internal'] === true || (isObj(pulumi) && pulumi.Visibility === 'Internal');
}

/** Every public operation of the document, in document order, with `$ref`s of its parts resolved. */
export function enumerateOperations(spec: SpecDocument): Operation[] {
  const result: Operation[] = [];
  for (const [path, rawItem] of Object.entries(spec.doc.paths ?? {})) {
    const item = deref(spec, rawItem);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op) || isInternal(op)) continue;
      const pointer = `#/paths/${escapePointer(path)}/${method}`;
      const bodyRef =
        isObj(op.requestBody) && typeof op.requestBody.$ref === 'string' ? op.requestBody.$ref : undefined;
      const body = op.requestBody === undefined ? undefined : deref(spec, op.requestBody);
      result.push({
        id: typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
        deprecated: op.deprecated === true,
        parameters: parameters(spec, item.parameters, op.parameters),
        ...(body
          ? {
              requestBody: {
                required: body.required === true,
                content: mediaTypes(body.content, `${bodyRef ?? `${pointer}/requestBody`}/content`),
              },
            }
          : {}),
        responses: responses(spec, op.responses, `${pointer}/responses`),
        ...(Array.isArray(op.security) ? { security: op.security as Operation['security'] } : {}),
      });
    }
  }
  return result;
}
