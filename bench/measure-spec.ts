// Child process of the benchmark: loads one spec, enumerates it and compiles every response validator, then
// prints the time and the process's peak memory as JSON. One process per spec, so figures do not mix. With a
// cache directory, validators come from what an earlier process compiled (a warm run) when it has them.
import { enumerateOperations } from '../helpers/spec/enumerate-operations.ts';
import { loadSpec } from '../helpers/spec/load-spec.ts';
import { createValidators } from '../helpers/spec/validators.ts';

const [path = '', cacheDir] = process.argv.slice(2);
const start = performance.now();
const spec = await loadSpec(path);
const loaded = performance.now();
const operations = enumerateOperations(spec);
const validators = createValidators(spec, { note: () => {}, ...(cacheDir ? { cacheDir } : {}) });
for (const op of operations)
  for (const r of op.responses)
    for (const c of r.content) if (c.schemaPointer) validators.validate(c.schemaPointer, null);
const done = performance.now();
console.log(
  JSON.stringify({
    operations: operations.length,
    validators: validators.compiled(),
    loadMs: Math.round(loaded - start),
    compileMs: Math.round(done - loaded),
    totalMs: Math.round(done - start),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
