import type { Exchange } from '../core/exchange.ts';
import { header } from '../core/exchange.ts';
import { atPointer, tryParseJson } from '../core/json.ts';

/** Values for path parameters and templates: discovered from reads, or created by this run's writes. */
export interface Variables {
  readonly discovered: Map<string, string>;
  readonly created: Map<string, string>;
}

/** A fresh store seeded with the profile's fixed values and the run id. */
export function createVariables(fixed: Readonly<Record<string, string>>, runId: string): Variables {
  return { discovered: new Map([...Object.entries(fixed), ['runId', runId]]), created: new Map() };
}

/** A variable's value; owned variables (resource names) come only from what this run created when `forWrite`. */
export function lookup(vars: Variables, name: string, owned: boolean, forWrite: boolean): string | undefined {
  if (owned && forWrite) return vars.created.get(name);
  return vars.discovered.get(name) ?? vars.created.get(name);
}

/** Replaces `{name}` in strings, deeply through objects and arrays; undefined names are listed in `missing`. */
export function interpolate(
  value: unknown,
  resolveName: (name: string) => string | undefined,
  missing: Set<string>,
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{([A-Za-z_][\w.-]*)\}/g, (whole, name: string) => {
      const found = resolveName(name);
      if (found === undefined) missing.add(name);
      return found ?? whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, resolveName, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, resolveName, missing)]),
    );
  }
  return value;
}

/**
 * Evaluates an OpenAPI runtime expression against an exchange: `$response.body#/ptr`, `$request.body#/ptr`,
 * `$response.header.Name`, `$request.path.name`. Written here because the few libraries for these
 * expressions are unmaintained and the grammar the suite needs is these four forms.
 */
export function evaluateExpression(
  expression: string,
  exchange: Exchange,
  pathValues: Readonly<Record<string, string>>,
): string | undefined {
  const body = expression.match(/^\$(request|response)\.body(?:#(.*))?$/);
  if (body) {
    const source = body[1] === 'request' ? exchange.request.body : exchange.response?.body;
    const value = atPointer(tryParseJson(source), body[2] ?? '');
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }
  const head = expression.match(/^\$(request|response)\.header\.(.+)$/);
  if (head)
    return header(
      (head[1] === 'request' ? exchange.request.headers : exchange.response?.headers) ?? {},
      head[2] ?? '',
    );
  const path = expression.match(/^\$request\.path\.(.+)$/);
  if (path) return pathValues[path[1] ?? ''];
  return undefined;
}
