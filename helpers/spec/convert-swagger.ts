import { createRequire } from 'node:module';
import { SetupError } from '../core/errors.ts';

interface Swagger2OpenApi {
  convertObj(
    swagger: unknown,
    options: Record<string, unknown>,
  ): Promise<{ openapi: Record<string, unknown> }>;
}
// A CommonJS package without types: its one function is declared above.
const converter = createRequire(import.meta.url)('swagger2openapi') as Swagger2OpenApi;

/**
 * Converts a Swagger 2.0 document into OpenAPI 3.0 with swagger2openapi (the converter the OpenAPI tooling
 * keeps). `patch` repairs the small errors real documents carry instead of refusing them; references stay
 * as they are, so the loader bundles them as it does for any document.
 */
export async function convertSwagger2(data: unknown, source: string, setting: string): Promise<unknown> {
  try {
    const { openapi } = await converter.convertObj(structuredClone(data), {
      patch: true,
      warnOnly: true,
      resolve: false,
      source,
    });
    return openapi;
  } catch (error) {
    throw new SetupError(
      'SPEC_UNREADABLE',
      `Spec ${source} is Swagger 2.0 that cannot be converted to OpenAPI 3 (${(error as Error).message.split('\n')[0]}); fix the document or point ${setting} at an OpenAPI 3 one.`,
    );
  }
}
