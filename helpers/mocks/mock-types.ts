/** A request as a mock handler sees it: routed, with path parameters decoded and the body as text. */
export interface MockRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly params: Readonly<Record<string, string>>;
}

/** A mock's answer: JSON bodies are objects, anything else is text with its own Content-Type. */
export interface MockResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
}

/** A handler of one operation. */
export type Handler<State> = (req: MockRequest, state: State) => MockResponse;

/** A mock application: a pure-ish function from request to response over its own state. */
export interface MockApp {
  readonly handle: (req: Omit<MockRequest, 'params'>) => MockResponse | Promise<MockResponse>;
  /** Called once the server has closed (the mocks keep the request validators they compiled). */
  readonly close?: () => void;
}

/** Shorthand for a JSON response. */
export const json = (status: number, body: unknown, headers?: Record<string, string>): MockResponse =>
  headers ? { status, json: body, headers } : { status, json: body };
