/** The build's regex lowering and the run-time \p{…} shim for the ES2016 handler runtime. */
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM build script without type declarations
import { lowerRegexLiterals, unicodeClasses } from '../../scripts/build-addin.mjs';
import { rewritePropertyEscapes } from '../../outlook-addin/handlers/polyfills';

const classes = unicodeClasses(['L', 'M', 'N']) as Record<string, string>;

describe('regex lowering for classic Outlook (ES2016)', () => {
  it('rewrites \\p{…} literals and constant new RegExp() calls into ES2016 syntax with the same meaning', () => {
    const src = 'var a=/[\\p{L}\\p{M}]+/gu, b=new RegExp("\\\\p{M}","u"), c=/x.y/s;';
    const { code, lowered } = lowerRegexLiterals(src, 2016) as { code: string; lowered: number };
    expect(lowered).toBe(3);
    expect(() => parse(code, { ecmaVersion: 2016 })).not.toThrow();
    const scope: Record<string, RegExp> = {};
    new Function('scope', code.replace(/var /, 'scope.a=0;var ') + ';scope.a=a;scope.b=b;scope.c=c;')(scope);
    expect('Tiếng Việt'.match(scope.a)).toEqual(['Tiếng', 'Việt']);
    expect(scope.b.test('e\u0301')).toBe(true);
    expect(scope.c.test('x\ny')).toBe(true);
  });

  it('refuses lookbehind and named groups instead of changing their meaning', () => {
    expect(() => lowerRegexLiterals('var a=/(?<![a-z])b/;', 2016)).toThrow(/lookbehind/);
    expect(() => lowerRegexLiterals('var a=/(?<y>\\d{4})/;', 2016)).toThrow(/named groups/);
  });

  it('the run-time shim replaces \\p{…} inside and outside classes, and gives up on what it cannot express', () => {
    const inside = rewritePropertyEscapes('[\\p{L}\\p{M}]+', classes)!;
    expect(new RegExp(inside, 'u').exec('  Mật  ')![0]).toBe('Mật');
    const outside = rewritePropertyEscapes('^\\p{L}\\P{N}$', classes)!;
    expect(new RegExp(outside, 'u').test('a-')).toBe(true);
    expect(new RegExp(outside, 'u').test('a1')).toBe(false);
    expect(rewritePropertyEscapes('[\\P{L}]', classes)).toBeNull();
    expect(rewritePropertyEscapes('\\p{Script=Latin}', classes)).toBeNull();
    expect(rewritePropertyEscapes('a\\\\p{L}', classes)).toBe('a\\\\p{L}'); // an escaped backslash, not an escape
  });
});
