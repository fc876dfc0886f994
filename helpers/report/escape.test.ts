import { describe, expect, it } from 'vitest';
import { escapeXml } from './escape.ts';

describe('escapeXml', () => {
  it('escapes markup and quotes, keeps every character XML allows (astral ones too), drops the rest', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
    expect(escapeXml('tag 😀 𝒳 ü\ttab')).toBe('tag 😀 𝒳 ü\ttab');
    expect(escapeXml('bell\u0007 nul\u0000 fffe\uFFFE lone\uD800 end')).toBe('bell nul fffe lone end');
  });
});
