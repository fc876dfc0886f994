import type { SpecDocument } from './load-spec.ts';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows `$ref`s and merges `allOf` parts, so two documents that factor a schema differently compare equal. */
function flatten(spec: SpecDocument, schema: unknown, depth = 0): Schema {
  let current = schema;
  for (let i = 0; isObj(current) && typeof current.$ref === 'string' && i < 16; i++)
    current = spec.resolve(current.$ref);
  if (!isObj(current)) return {};
  if (!Array.isArray(current.allOf) || depth > 8) return current;
  const parts = [current, ...current.allOf.map((p) => flatten(spec, p, depth + 1))];
  const merged: Schema = { ...current, allOf: undefined, properties: {}, required: [] };
  for (const part of parts) {
    if (part.type !== undefined) merged.type = part.type;
    Object.assign(merged.properties as Schema, isObj(part.properties) ? part.properties : {});
    (merged.required as string[]).push(...(Array.isArray(part.required) ? (part.required as string[]) : []));
  }
  return merged;
}

const requiredOf = (s: Schema) => new Set(Array.isArray(s.required) ? (s.required as string[]) : []);

/**
 * Lists where the facts `mine` states disagree with `theirs`: every type, format, enum value, property and
 * required flag that `mine` states must be the same in `theirs`. Properties `mine` leaves out are not compared.
 */
function compareSchemas(
  mine: SpecDocument,
  a: unknown,
  theirs: SpecDocument,
  b: unknown,
  at: string,
  depth = 0,
): string[] {
  if (depth > 12) return [];
  const x = flatten(mine, a);
  const y = flatten(theirs, b);
  const out: string[] = [];
  for (const key of ['type', 'format'] as const) {
    if (x[key] !== undefined && JSON.stringify(x[key]) !== JSON.stringify(y[key])) {
      out.push(
        `${at}: ${key} ${JSON.stringify(x[key])} here, ${JSON.stringify(y[key] ?? null)} in the reference`,
      );
    }
  }
  if (Array.isArray(x.enum)) {
    const allowed = new Set(Array.isArray(y.enum) ? y.enum : []);
    for (const value of x.enum)
      if (!allowed.has(value)) out.push(`${at}: enum value ${JSON.stringify(value)} is not in the reference`);
  }
  const theirProps = isObj(y.properties) ? y.properties : {};
  const [myRequired, theirRequired] = [requiredOf(x), requiredOf(y)];
  for (const [name, sub] of Object.entries(isObj(x.properties) ? x.properties : {})) {
    if (!(name in theirProps)) {
      out.push(`${at}/${name}: not in the reference`);
      continue;
    }
    if (myRequired.has(name) !== theirRequired.has(name)) {
      out.push(
        `${at}/${name}: ${myRequired.has(name) ? 'required' : 'optional'} here, ${theirRequired.has(name) ? 'required' : 'optional'} in the reference`,
      );
    }
    out.push(...compareSchemas(mine, sub, theirs, theirProps[name], `${at}/${name}`, depth + 1));
  }
  for (const name of myRequired)
    if (!isObj(x.properties) || !(name in x.properties))
      if (!theirRequired.has(name)) out.push(`${at}: requires ${name}, the reference does not`);
  if (x.items !== undefined)
    out.push(...compareSchemas(mine, x.items, theirs, y.items, `${at}[]`, depth + 1));
  if (isObj(x.additionalProperties))
    out.push(
      ...compareSchemas(mine, x.additionalProperties, theirs, y.additionalProperties, `${at}{}`, depth + 1),
    );
  return out;
}

type Op = Schema & { parameters?: unknown[]; requestBody?: unknown; responses?: Schema };

function content(spec: SpecDocument, holder: unknown): Schema {
  const h = flatten(spec, holder);
  return isObj(h.content) ? h.content : {};
}

/** Lists every disagreement between the operations `mine` states and the same operations in `theirs`. */
export function compareSpecs(mine: SpecDocument, theirs: SpecDocument): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(mine.doc.paths ?? {})) {
    for (const [method, rawOp] of Object.entries(item)) {
      const op = rawOp as Op;
      const other = (theirs.doc.paths?.[path] as Record<string, Op> | undefined)?.[method];
      const where = `${method.toUpperCase()} ${path}`;
      if (!other) {
        out.push(`${where}: not in the reference`);
        continue;
      }
      if (op.operationId !== other.operationId)
        out.push(`${where}: operationId ${op.operationId} here, ${other.operationId} in the reference`);
      const theirParams = (other.parameters ?? []).map((p) => flatten(theirs, p));
      for (const p of (op.parameters ?? []).map((q) => flatten(mine, q))) {
        const match = theirParams.find((q) => q.name === p.name && q.in === p.in);
        if (!match) out.push(`${where}: parameter ${p.in}:${p.name} not in the reference`);
        else {
          if ((p.required === true) !== (match.required === true))
            out.push(`${where}: parameter ${p.name} required flag differs`);
          out.push(...compareSchemas(mine, p.schema, theirs, match.schema, `${where} parameter ${p.name}`));
        }
      }
      const bodies: [string, unknown, unknown][] = op.requestBody
        ? [['request body', op.requestBody, other.requestBody]]
        : [];
      const responses = Object.entries(op.responses ?? {}).map(([status, r]): [string, unknown, unknown] => [
        `response ${status}`,
        r,
        other.responses?.[status],
      ]);
      for (const [label, a, b] of [...bodies, ...responses]) {
        if (b === undefined) {
          out.push(`${where}: ${label} not in the reference`);
          continue;
        }
        const theirContent = content(theirs, b);
        for (const [type, media] of Object.entries(content(mine, a))) {
          if (!(type in theirContent)) out.push(`${where}: ${label} media type ${type} not in the reference`);
          else
            out.push(
              ...compareSchemas(
                mine,
                (media as Schema).schema,
                theirs,
                (theirContent[type] as Schema).schema,
                `${where} ${label} ${type}`,
              ),
            );
        }
      }
    }
  }
  return out;
}
