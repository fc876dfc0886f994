import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layers table of ARCHITECTURE.md: folder → the folders it may import. */
function table(): Map<string, Set<string>> {
  const rows = readFileSync('ARCHITECTURE.md', 'utf8').matchAll(/^\| `([a-z-]+)\/` \|.*\| ([^|]+) \|$/gm);
  return new Map(
    [...rows].map(([, folder, allowed]) => [
      folder ?? '',
      new Set(
        allowed === undefined || allowed.trim() === 'nothing' ? [] : allowed.split(',').map((a) => a.trim()),
      ),
    ]),
  );
}

/** The helpers folders each source file (tests aside) imports, as `file → folder`. */
function imports(): { file: string; folder: string; imported: string }[] {
  const out: { file: string; folder: string; imported: string }[] = [];
  for (const folder of readdirSync('helpers', { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const files = readdirSync(join('helpers', folder.name), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const text = readFileSync(join('helpers', folder.name, file), 'utf8');
      for (const [, target] of text.matchAll(/from '((?:\.\.\/)+[a-z-]+)\//g)) {
        const depth = file.split('/').length;
        const up = (target ?? '').split('/').filter((p) => p === '..').length;
        // Only imports that leave the folder: `../x/` from helpers/<folder>/file.ts, `../../x/` one level deeper.
        if (up !== depth) continue;
        out.push({
          file: `${folder.name}/${file}`,
          folder: folder.name,
          imported: (target ?? '').split('/').at(-1) ?? '',
        });
      }
    }
  }
  return out;
}

describe('the layers of ARCHITECTURE.md', () => {
  it('lists every folder of helpers/', () => {
    const folders = readdirSync('helpers', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect([...table().keys()].sort()).toEqual(folders);
  });

  it('holds for every import: no folder imports one the table does not allow', () => {
    const allowed = table();
    const wrong = imports()
      .filter(({ folder, imported }) => imported !== folder && !allowed.get(folder)?.has(imported))
      .map(({ file, imported }) => `${file} imports ${imported}/`);
    expect(wrong).toEqual([]);
  });

  it('has no cycles: each folder imports only folders listed above it', () => {
    const order = [...table().keys()];
    const upward = [...table()].flatMap(([folder, may]) =>
      [...may].filter((m) => order.indexOf(m) >= order.indexOf(folder)).map((m) => `${folder} → ${m}`),
    );
    expect(upward).toEqual([]);
  });
});
