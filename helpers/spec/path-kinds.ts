/**
 * Resource kinds from path templates. A kind is an item path with its parameter names blanked
 * (`/projects/{}/tasks/{}`), so `/projects/{id}` and `/projects/{projectId}/tasks` speak of the same
 * projects however each path names the parameter; values are matched by position, never by name.
 */

/** The template with every parameter name blanked: `/projects/{projectId}/tasks` → `/projects/{}/tasks`. */
export const blankParams = (template: string): string => template.replace(/\{[^}]+\}/g, '{}');

// Templates are few (one per path of the document) and asked about at every binding of every step.
const kindsOf = new Map<string, readonly string[]>();

/** The kind each path parameter addresses, in order: the blanked path up to and including its segment. */
export function paramKinds(template: string): readonly string[] {
  const known = kindsOf.get(template);
  if (known) return known;
  const kinds = Object.freeze(kindsIn(template));
  kindsOf.set(template, kinds);
  return kinds;
}

function kindsIn(template: string): string[] {
  const segments = template.split('/');
  const kinds: string[] = [];
  segments.forEach((segment, i) => {
    const count = segment.match(/\{[^}]+\}/g)?.length ?? 0;
    const kind = blankParams(segments.slice(0, i + 1).join('/'));
    for (let n = 0; n < count; n++) kinds.push(kind);
  });
  return kinds;
}

/** The kind the path's last parameter addresses (what the operation acts on), if it has parameters. */
export const deepestKind = (template: string): string | undefined => paramKinds(template).at(-1);

/** The collection a kind's items sit in: the kind without its last segment (`/projects/{}/tasks`). */
export const collectionOf = (kind: string): string => kind.replace(/\/[^/]*$/, '');

/** True when the (blanked) path ends in a parameter segment, i.e. names one item of a kind. */
export const isItemPath = (template: string): boolean => /\/[^/]*\{[^}]*\}[^/]*$/.test(template);

/** The kind of the parameter before a kind's last one (`/projects/{}/tasks/{}` → `/projects/{}`), if any. */
export function parentKind(kind: string): string | undefined {
  const segments = kind.split('/');
  for (let i = segments.length - 2; i >= 0; i--)
    if (segments[i]?.includes('{}')) return segments.slice(0, i + 1).join('/');
  return undefined;
}
