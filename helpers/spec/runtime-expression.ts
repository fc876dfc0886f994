import { type Exchange, header } from '../core/exchange.ts';
import { atPointer, tryParseJson } from '../core/json.ts';

/**
 * Evaluates an OpenAPI runtime expression against an exchange: `$response.body#/ptr`, `$request.body#/ptr`,
 * `$response.header.Name`, `$request.path.name`. Written here because the few libraries for these
 * expressions are unmaintained and the grammar the suite needs is these four forms.
 */
export function evaluateExpression(
  expression: string,
  exchange: Pick<Exchange, 'request' | 'response'>,
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
