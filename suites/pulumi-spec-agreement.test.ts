import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PULUMI_SPEC_PATH } from '../helpers/mocks/pulumi/pulumi-mock.ts';
import { compareSpecs } from '../helpers/spec/compare-specs.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';

// Pulumi's published spec sits beside the project (never inside it); where it is absent, nothing to compare.
const PUBLISHED = '../shared/reference/pulumi-spec.json';

describe.skipIf(!existsSync(PUBLISHED))(
  "the project's Pulumi document agrees with Pulumi's published spec",
  async () => {
    const [mine, theirs] = await Promise.all([loadSpec(PULUMI_SPEC_PATH), loadSpec(PUBLISHED)]);

    it('on every operation, field, type and required flag it states', () => {
      expect(compareSpecs(mine, theirs)).toEqual([]);
    });

    it('and the comparison catches a disagreement', () => {
      const doc = structuredClone(mine.doc) as {
        components: {
          schemas: Record<string, { properties: Record<string, { type: string }>; required: string[] }>;
        };
      };
      const user = doc.components.schemas.User;
      if (!user?.properties.hasMFA) throw new Error('fixture changed');
      user.properties.hasMFA.type = 'string';
      user.required = user.required.filter((r) => r !== 'email');
      const changed = {
        ...mine,
        doc: doc as unknown as typeof mine.doc,
        resolve: (ref: string) =>
          ref
            .slice(2)
            .split('/')
            .reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], doc),
      };
      const found = compareSpecs(changed, theirs);
      expect(found).toContain(
        'GET /api/user response 200 application/json/hasMFA: type "string" here, "boolean" in the reference',
      );
      expect(found).toContain(
        'GET /api/user response 200 application/json/email: optional here, required in the reference',
      );
    });
  },
);
