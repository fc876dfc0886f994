/** A parameter of an operation, its `$ref` resolved. */
export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema?: Record<string, unknown>;
  readonly example?: unknown;
}

/** A documented media type: where its schema sits in the document (for the validator) and the schema. */
export interface MediaTypeSpec {
  readonly mediaType: string;
  /** JSON pointer (`#/paths/...`) to the schema inside the document, when there is a schema. */
  readonly schemaPointer?: string;
  readonly schema?: Record<string, unknown>;
}

/** A documented response of one status (`200`, `2XX`, `default`). */
export interface ResponseSpec {
  readonly status: string;
  readonly content: readonly MediaTypeSpec[];
  readonly headers: readonly { readonly name: string; readonly required: boolean }[];
  readonly links: readonly LinkSpec[];
}

/** An OpenAPI link from a response to another operation. */
export interface LinkSpec {
  readonly name: string;
  readonly operationId?: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** One operation of the spec, flattened for planning, requests and checks. */
export interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly tags: readonly string[];
  readonly summary?: string;
  readonly deprecated: boolean;
  readonly parameters: readonly Parameter[];
  readonly requestBody?: { readonly required: boolean; readonly content: readonly MediaTypeSpec[] };
  readonly responses: readonly ResponseSpec[];
  /** Security requirements: undefined = the document's default; [] = no credential needed. */
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

/** Methods that never change state: the only ones sent to a live target unless writes are allowed. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the operation may change state on the server. */
export const isWrite = (operation: Operation): boolean => !SAFE_METHODS.has(operation.method);

/** The documented response that covers a status: exact, then `4XX`-style range, then `default`. */
export function responseFor(operation: Operation, status: number): ResponseSpec | undefined {
  const exact = operation.responses.find((r) => r.status === String(status));
  if (exact) return exact;
  const range = operation.responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`);
  return range ?? operation.responses.find((r) => r.status === 'default');
}
