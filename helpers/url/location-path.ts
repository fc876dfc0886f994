/**
 * The path a `Location` header names relative to the API's base path, resolved against the request that got it;
 * undefined when it names another origin (nothing of this API: the url check reports it) or lies outside the base.
 */
export function pathUnderBase(location: string, requestUrl: string, basePath: string): string | undefined {
  const url = new URL(location, requestUrl);
  if (url.origin !== new URL(requestUrl).origin) return undefined;
  const path = url.pathname;
  if (!path.startsWith(basePath)) return undefined;
  return path.slice(basePath.length) || '/';
}
