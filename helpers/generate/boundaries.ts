import type { SpecDocument } from '../spec/load-spec.ts';
import type { BodyChange } from './mutations.ts';
import { type ObjectView, type Schema, typesOf } from './schema-view.ts';
import { derivedSeed } from './seed.ts';
import { generateValue } from './values.ts';

/** Where the boundary values come from: the document, the run's seed, and the fields the profile pins. */
export interface BoundaryInput {
  readonly view: ObjectView;
  readonly spec: SpecDocument;
  readonly seed: number;
  /** Fields the profile's request template sets: kept as they are unless `mayVary` says otherwise. */
  readonly pinned: ReadonlySet<string>;
  /** True for a pinned value that is only a name the run chose (it carries the run id), so it may change. */
  readonly mayVary: (value: unknown) => boolean;
}

const writable = (prop: Schema) => prop.readOnly !== true;

/**
 * Bodies the spec allows but a server rarely sees: only the required fields; every optional field, each with a
 * value json-schema-faker generates from its schema; a string at its maxLength; a number at its minimum or maximum.
 */
export function boundaryChanges(input: BoundaryInput): BodyChange[] {
  const { view, spec, seed, pinned } = input;
  const valueFor = (field: string) =>
    generateValue(view.properties[field] ?? {}, spec, derivedSeed(seed, 'field', field));
  const out: BodyChange[] = [
    {
      kind: 'required-only',
      name: 'required-only',
      describe: 'only its required fields',
      apply: (body) => Object.fromEntries(view.required.map((f) => [f, f in body ? body[f] : valueFor(f)])),
    },
    {
      kind: 'all-optional',
      name: 'all-optional',
      describe: 'every optional field',
      apply: (body) => ({
        ...Object.fromEntries(
          Object.entries(view.properties)
            .filter(([f, prop]) => !(f in body) && writable(prop))
            .map(([f]) => [f, valueFor(f)]),
        ),
        ...body,
      }),
    },
  ];
  for (const [field, prop] of Object.entries(view.properties)) {
    if (!writable(prop)) continue;
    const free = (body: Readonly<Record<string, unknown>>) =>
      !pinned.has(field) || input.mayVary(body[field]);
    const keep =
      (field: string, value: (body: Readonly<Record<string, unknown>>) => unknown) =>
      (body: Readonly<Record<string, unknown>>) =>
        free(body) ? { ...body, [field]: value(body) } : body;
    // json-schema-faker drops a pattern when a length is forced, so patterned strings get no maxLength probe.
    if (
      typeof prop.maxLength === 'number' &&
      typesOf(prop).includes('string') &&
      prop.pattern === undefined
    ) {
      const max = prop.maxLength;
      const filler = String(
        generateValue({ ...prop, minLength: max }, spec, derivedSeed(seed, 'max', field)) ?? '',
      );
      out.push({
        kind: 'max-length',
        name: `max-length:/${field}`,
        describe: `${field} at its maxLength ${max}`,
        // A name the run chose keeps its run id at the front, so what it creates is still recognisably the run's.
        apply: keep(field, (body) => {
          const start = typeof body[field] === 'string' ? (body[field] as string) : '';
          return `${start}${filler}`.slice(0, max).padEnd(max, 'x');
        }),
      });
    }
    for (const bound of ['minimum', 'maximum'] as const)
      if (typeof prop[bound] === 'number')
        out.push({
          kind: 'numeric-bound',
          name: `${bound}:/${field}`,
          describe: `${field} at its ${bound} ${prop[bound]}`,
          apply: keep(field, () => prop[bound]),
        });
  }
  return out;
}
