/** A credential: the header it travels in, the word before the secret, and the variable that holds it. */
export interface CredentialSpec {
  readonly header: string;
  /** `token`, `ApiKey`, `Bearer`; empty or absent for a bare API-key header. */
  readonly scheme?: string;
  readonly env: string;
  /** The secret the embedded mock accepts, used when no live target is configured. */
  readonly mockValue?: string;
  /** The spec's `securitySchemes` entry this credential satisfies. */
  readonly securityScheme?: string;
}

/** Pagination as the profile's API does it: by offset, page number or cursor; totals in headers or the body. */
export interface PaginationSpec {
  readonly limitParam?: string;
  readonly offsetParam?: string;
  readonly pageParam?: string;
  readonly cursorParam?: string;
  readonly itemsPointer?: string;
  readonly totalPointer?: string;
  readonly nextPointer?: string;
  readonly cursorPointer?: string;
  readonly totalHeader?: string;
  readonly limitHeader?: string;
  readonly offsetHeader?: string;
  readonly link?: boolean;
  readonly probeLimit?: number;
  readonly maxPages?: number;
}

/** What the API must do with a request that lacks a header or carries an unsupported value. */
export interface HeaderPolicy {
  readonly policy: 'reject' | 'tolerate';
  readonly statuses?: readonly number[];
  readonly value?: string;
}

/** A header every request of the profile carries. */
export interface RequiredHeader {
  readonly name: string;
  readonly value: string;
  readonly env?: string;
  readonly absent?: HeaderPolicy;
  readonly unsupported?: HeaderPolicy;
}

/** Per-operation request templates and the values to capture from the exchange. */
export interface RequestTemplate {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly mediaType?: string;
  /** variable name → `$response.body#/ptr`, `$request.body#/ptr` or `$response.header.Name`. */
  readonly capture?: Readonly<Record<string, string>>;
}

/** One API described to the suite; the built-in profiles are files in this format too (profile.schema.json). */
export interface Profile {
  readonly name: string;
  readonly title?: string;
  readonly mock?: string;
  readonly spec: { readonly path?: string; readonly url?: string; readonly env?: string };
  readonly baseUrl?: { readonly default?: string; readonly env?: string };
  readonly credential: CredentialSpec;
  readonly extraCredentials?: Readonly<Record<string, CredentialSpec>>;
  readonly requiredHeaders?: readonly RequiredHeader[];
  readonly auth?: {
    readonly rejectStatuses?: readonly number[];
    readonly otherSchemeStatuses?: readonly number[];
    readonly message?: string;
    readonly publicOperations?: readonly string[];
    /** Per operationId: the statuses that refuse a credential there, narrowing what the operation documents. */
    readonly operations?: Readonly<Record<string, { readonly rejectStatuses?: readonly number[] }>>;
  };
  readonly errorShape?: { readonly schema?: object; readonly ref?: string };
  readonly consistency?: {
    readonly windowMs?: number;
    readonly notYetVisible?: readonly number[];
    /** Read-after-write pairs beyond what links, Location headers and same-path GETs give. */
    readonly pairs?: readonly { readonly write: string; readonly read: string }[];
  };
  readonly writes?: { readonly allowed?: boolean; readonly exclude?: readonly string[] };
  readonly operations?: { readonly exclude?: readonly string[] };
  readonly parameters?: {
    readonly fixed?: Readonly<Record<string, string>>;
    readonly discover?: Readonly<Record<string, { readonly operation: string; readonly pointer: string }>>;
    readonly owned?: readonly string[];
  };
  readonly requests?: Readonly<Record<string, RequestTemplate>>;
  readonly pagination?: PaginationSpec;
  /** Where the payload sits in every JSON response (`/data` for `{data: …}` envelopes). */
  readonly response?: { readonly envelope?: string };
  /** Directory of the profile file; relative spec paths resolve against it. */
  readonly dir: string;
}
