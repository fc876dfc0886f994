import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { SetupError } from '../core/errors.ts';
import { atPointer } from '../core/json.ts';
import { AJV_DOCUMENT_VERSION, type AjvDocument, ajvDocument } from './ajv-document.ts';
import type { SpecDocument } from './load-spec.ts';
import { placed, type SchemaSource, schemaSource } from './shared-schemas.ts';
import { documentKey, storedValidators } from './validator-cache.ts';

/** One way the data departs from the schema: where, what is documented, what was received. */
export interface SchemaViolation {
  /** JSON pointer into the body, `` for the root. */
  readonly pointer: string;
  /** JSON pointer into the schema of the keyword that failed. */
  readonly schemaPath: string;
  readonly keyword: string;
  /** The keyword's parameters as ajv gives them (e.g. `{ missingProperty: 'name' }`). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly documented: string;
  readonly received: unknown;
}

/** Compiles and caches one validator per schema location of one document. */
export interface Validators {
  /** Validates data against the schema at a JSON pointer of the document (`#/paths/...`). */
  readonly validate: (pointer: string, data: unknown) => readonly SchemaViolation[];
  /** Validates data against a standalone schema whose `$ref`s point into the document. */
  readonly validateSchema: (key: string, schema: object, data: unknown) => readonly SchemaViolation[];
  /** How many validators were compiled so far (each distinct schema once, see `schemaSource`). */
  readonly compiled: () => number;
  /** Writes the validators compiled and the facts found out since the last call to the cache directory, if any. */
  readonly keep: () => void;
  /** Formats the document names that no validator knows: values of those formats are not checked. */
  readonly unknownFormats: readonly string[];
}

/** How validators tell about a document (one line per unknown format, once), and where compiled ones are kept. */
export interface ValidatorOptions {
  readonly note?: (line: string) => void;
  /** A directory for compiled validators, reused by later runs of the same document; none: memory only. */
  readonly cacheDir?: string;
}

const DOC = 'openapi:doc';
// Both packages are CommonJS with `exports.default`; under NodeNext the default import is the module object.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

// `code.source` keeps the generated code, for the on-disk cache of compiled validators.
const AJV_OPTIONS = {
  strict: false,
  allErrors: true,
  validateSchema: false,
  discriminator: false,
  // ajv's code optimisation passes cost more compile time than they save at validation. (Referenced schemas
  // stay inlined: a violation then names its place in the document, not in the referenced schema.)
  code: { source: true, optimize: false },
} as const;

/** The dialect follows the OpenAPI version: 3.0 is draft-04 with `nullable`, 3.1 is JSON Schema 2020-12. */
function ajvFor(openapi: SpecDocument['openapi']): Ajv2020 | InstanceType<typeof AjvDraft04> {
  // ajv's own logger would repeat "unknown format ignored" at every compile; unknown formats are noted once instead.
  const logger = { log: () => {}, warn: () => {}, error: console.error };
  const options = { ...AJV_OPTIONS, logger };
  const ajv = openapi === '3.0' ? new AjvDraft04(options) : new Ajv2020(options);
  addFormats(ajv as never);
  return ajv;
}

function violations(validate: ValidateFunction, data: unknown): SchemaViolation[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => ({
    pointer: e.instancePath,
    schemaPath: e.schemaPath,
    keyword: e.keyword,
    params: e.params,
    documented: `${e.message ?? e.keyword}${e.keyword === 'enum' || e.keyword === 'const' ? ` ${JSON.stringify(e.params)}` : ''}`,
    received: atPointer(data, e.instancePath),
  }));
}

/** A schema source as kept on disk: content-keyed schemas are found again in the document when compiled. */
type KeptSource =
  | Extract<SchemaSource, { kind: 'pointer' }>
  | Omit<Extract<SchemaSource, { kind: 'content' }>, 'schema'>;

/** What is kept about a document beside its compiled validators, so a warm run need not prepare it for ajv. */
interface DocumentFacts {
  /** Every format the document's schemas name. */
  readonly formats: readonly string[];
  /** Where the validator of each schema pointer asked about so far comes from. */
  readonly sources: Readonly<Record<string, KeptSource>>;
}

const isKeptSource = (s: Partial<Record<string, unknown>>): boolean =>
  typeof s.key === 'string' &&
  ((s.kind === 'pointer' && typeof s.pointer === 'string') ||
    (s.kind === 'content' && typeof s.prefix === 'string'));

/** Facts read back from disk are used only whole and well-formed: anything else is found out again. */
const isFacts = (value: unknown): value is DocumentFacts => {
  const facts = value as Partial<DocumentFacts> | null;
  return (
    typeof facts === 'object' &&
    facts !== null &&
    Array.isArray(facts.formats) &&
    facts.formats.every((f) => typeof f === 'string') &&
    typeof facts.sources === 'object' &&
    facts.sources !== null &&
    Object.values(facts.sources).every((s) => typeof s === 'object' && s !== null && isKeptSource(s))
  );
};

/**
 * Registers the whole document once under one id and compiles each schema as a `$ref` into it, so
 * recursive component schemas stay references (a full dereference overflows ajv on Pulumi's spec).
 * Compiled validators and what they need to know of the document are kept by the document's hash: a run whose
 * validators are all on disk neither prepares the document for ajv (Pulumi's: 80 ms) nor compiles anything.
 */
export function createValidators(spec: SpecDocument, options: ValidatorOptions = {}): Validators {
  const ajv = ajvFor(spec.openapi);
  let prepared: AjvDocument | undefined;
  const prepare = (): AjvDocument => {
    prepared ??= ajvDocument(spec.doc, spec.openapi, DOC);
    return prepared;
  };
  const preparedDoc = () => prepare().doc;
  // Everything that decides the compiled code: the document, how it is prepared for ajv, the formats ajv knows.
  const docKey = documentKey(
    spec.openapi,
    AJV_OPTIONS,
    AJV_DOCUMENT_VERSION,
    Object.keys(ajv.formats).sort(),
    spec.doc,
  );
  // The document is registered only when something must be compiled: a run whose validators are all on disk skips it.
  let registered = false;
  const compiler = () => {
    if (!registered) ajv.addSchema(preparedDoc(), DOC, undefined, false);
    registered = true;
    return ajv;
  };
  const stored = storedValidators<DocumentFacts>(compiler, options.cacheDir, docKey);
  const kept = isFacts(stored.facts) ? stored.facts : undefined;
  const formats = kept?.formats ?? [...prepare().formats];
  const keptSources: Record<string, KeptSource> = { ...kept?.sources };
  if (!kept) stored.record({ formats, sources: keptSources });
  const unknownFormats = formats.filter((f) => !ajv.formats[f]).sort();
  const note = options.note ?? ((line: string) => console.warn(line));
  for (const format of unknownFormats) {
    ajv.addFormat(format, true);
    note(
      `Note: ${spec.source} uses format "${format}", which has no validator: values of that format are not checked.`,
    );
  }
  // A profile's schema is named by its content too: an edited profile must not meet its old validator.
  const schemaKeys = new WeakMap<object, string>();
  const schemaKey = (schema: object) => {
    const known = schemaKeys.get(schema) ?? documentKey(schema);
    schemaKeys.set(schema, known);
    return known;
  };
  const cache = new Map<string, ValidateFunction>();
  const sources = new Map<string, KeptSource>();
  const compile = (key: string, make: () => object, where: string): ValidateFunction => {
    const known = cache.get(key);
    if (known) return known;
    let validate: ValidateFunction;
    try {
      validate = stored.compile(key, make);
    } catch (error) {
      throw new SetupError(
        'SPEC_UNREADABLE',
        `Spec ${spec.source}: ${where} cannot be used (${(error as Error).message.split('\n')[0]}); fix that schema.`,
      );
    }
    cache.set(key, validate);
    return validate;
  };
  const rebase = (schema: object): object =>
    JSON.parse(JSON.stringify(schema), (k, v) =>
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC}${v}` : v,
    );
  // Found once per pointer (finding it hashes a schema's text, and every response of a run is validated here),
  // and kept: a later run of the same document finds it without preparing the document.
  const sourceOf = (pointer: string): KeptSource => {
    const known = sources.get(pointer) ?? keptSources[pointer];
    if (known) {
      sources.set(pointer, known);
      return known;
    }
    const found = schemaSource(preparedDoc(), pointer, DOC);
    const source: KeptSource =
      found.kind === 'pointer' ? found : { kind: 'content', key: found.key, prefix: found.prefix };
    sources.set(pointer, source);
    keptSources[pointer] = source;
    stored.record({ formats, sources: keptSources });
    return source;
  };
  const contentAt = (pointer: string): object => {
    const found = schemaSource(preparedDoc(), pointer, DOC);
    return found.kind === 'content' ? found.schema : { $ref: `${DOC}${found.pointer}` };
  };
  return {
    validate: (pointer, data) => {
      const source = sourceOf(pointer);
      if (source.kind === 'pointer')
        return violations(
          compile(source.key, () => ({ $ref: `${DOC}${source.pointer}` }), `the schema at ${source.pointer}`),
          data,
        );
      return violations(
        compile(source.key, () => contentAt(pointer), `the schema at ${pointer}`),
        data,
      ).map((v) => ({ ...v, schemaPath: placed(v.schemaPath, source.prefix) }));
    },
    validateSchema: (key, schema, data) =>
      violations(
        compile(`schema:${key}:${schemaKey(schema)}`, () => rebase(schema), `the profile's schema ${key}`),
        data,
      ),
    compiled: () => cache.size,
    keep: stored.keep,
    unknownFormats,
  };
}
