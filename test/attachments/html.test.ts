import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, htmlToText } from '../../shared/text/html.ts';

describe('htmlToText', () => {
  it.each([
    ['<p>Kính gửi:&nbsp;Sở TT&amp;TT</p>', 'Kính gửi: Sở TT&TT'],
    ['ĐỘ <b>MẬT</b>', 'ĐỘ MẬT'],
    ['<div>a</div><div>b</div>', 'a\nb'],
    ['a<br>b<br/>c<BR >d', 'a\nb\nc\nd'],
    ['a<br><br>b', 'a\n\nb'],
    ['<p>  nhiều\n\n   khoảng   trắng </p>', 'nhiều khoảng trắng'],
    ['<table><tr><td>STT</td><td>Độ mật</td></tr><tr><td>1</td><td>Mật</td></tr></table>', 'STT\tĐộ mật\n1\tMật'],
    ['<ul><li>một</li><li>hai</li></ul>', 'một\nhai'],
    ['<pre>  giữ\n  nguyên</pre>', '  giữ\n  nguyên'],
    ['x<textarea>a <b> c</textarea>y', 'x\na <b> c\ny'],
    ['a < b and c > d', 'a < b and c > d'],
    ['<<<<p>x', '<<<\nx'],
    ['</>x</3 bogus>y', 'xy'],
  ])('%j -> %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('drops script, style, title, template, comments and Outlook conditional blocks', () => {
    const html = `<!DOCTYPE html><html><head><title>Tiêu đề ẩn</title><meta charset="utf-8">
      <style>p { color: red } /* MẬT */</style><script>var s = "<p>MẬT</p>";</script></head>
      <body><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>MẬT</o:OfficeDocumentSettings></xml><![endif]-->
      <template><p>MẬT</p></template><p>Nội dung</p><!-- ghi chú MẬT --></body></html>`;
    expect(htmlToText(html)).toBe('Nội dung');
  });

  it('keeps content that sloppy HTML puts inside <head> (browsers show it)', () => {
    expect(htmlToText('<html><head><p>TUYỆT MẬT</p></head><body>x</body>')).toBe('TUYỆT MẬT\nx');
  });

  it('keeps Word downlevel-revealed conditional content', () => {
    expect(htmlToText('<p><![if !supportLists]>1.<![endif]> Mục một</p>')).toBe('1. Mục một');
  });

  it('keeps img alt (a stamp image may only have alt text), not title', () => {
    expect(htmlToText('<p>Xem <img src="dau.png" alt="Dấu MẬT" title="tooltip"> bên dưới</p>')).toBe('Xem Dấu MẬT bên dưới');
    expect(htmlToText('<input type="image" alt="Gửi"><input type="text" alt="no">')).toBe('Gửi');
  });

  it('follows the HTML tokenizer for quotes in attributes', () => {
    expect(htmlToText('<p title=a"b>x</p><p title="a>b">y</p><p title=\'c>d\'>z</p>')).toBe('x\ny\nz');
  });

  it('unclosed tags and comments at the end swallow the rest, like browsers', () => {
    expect(htmlToText('a<p class="x')).toBe('a');
    expect(htmlToText('a<!-- b')).toBe('a');
    expect(htmlToText('a<script>b')).toBe('a');
  });
});

describe('decodeHtmlEntities', () => {
  it.each([
    ['&Abreve;&abreve;&Dstrok;&dstrok;&Itilde;&utilde;', 'ĂăĐđĨũ'],
    ['&Agrave;&Aacute;&Acirc;&Atilde;&Egrave;&Ecirc;&Ocirc;&Otilde;&Yacute;', 'ÀÁÂÃÈÊÔÕÝ'],
    ['&#7853;&#x1EAD;&#X1ead;', 'ậậậ'],
    ['M&#7852;T', 'MẬT'],
    ['&#128;&#150;&#x92;', '€–’'], // C1 range maps through windows-1252
    ['&#0;&#xD800;&#x110000;', '\uFFFD\uFFFD\uFFFD'],
    ['&copy2026 &amp &lt;', '©2026 & <'],
    ['&unknownname; &; & x', '&unknownname; &; & x'],
    ['&notin; &not;', '∉ ¬'],
    ['&ldquo;Mật&rdquo; &hellip; &ndash; &euro;', '“Mật” … – €'],
  ])('%j', (s, out) => {
    expect(decodeHtmlEntities(s)).toBe(out);
  });

  it('in attributes, a legacy name followed by = stays literal', () => {
    expect(decodeHtmlEntities('?a=1&copy=2', true)).toBe('?a=1&copy=2');
    expect(decodeHtmlEntities('?a=1&copy;=2', true)).toBe('?a=1©=2');
  });
});

describe('htmlToText on hostile input (linear time, never throws)', () => {
  const MiB = 1 << 20;
  it.each([
    ['1 MiB of <', '<'.repeat(MiB)],
    ['unclosed tags', '<a '.repeat(MiB / 3)],
    ['unclosed quotes', '<a b="'.repeat(MiB / 6)],
    ['unclosed comments', '<!--'.repeat(MiB / 4)],
    ['unclosed scripts', '<script>'.repeat(MiB / 8)],
    ['repeated <head> without </head>', '<head>x'.repeat(MiB / 7)],
    ['spaces in pre', `<pre>${' '.repeat(MiB)}x`],
    ['entity soup', '&#&#x&amp&;'.repeat(MiB / 10)],
    ['end-tag soup', '</'.repeat(MiB / 2)],
    ['deep nesting', '<div>'.repeat(MiB / 5)],
    ['attribute flood', `<p ${'a=b '.repeat(MiB / 4)}>x`],
  ])('%s', (_label, input) => {
    const t = performance.now();
    const out = htmlToText(input);
    expect(typeof out).toBe('string');
    expect(performance.now() - t).toBeLessThan(1500);
  });

  it('never throws and never leaks script text (property)', () => {
    const piece = fc.constantFrom('<', '>', '</', '<p>', '</p>', '<br>', '<script>', '</script>', '<!--', '-->', '"', "'", '=', '&amp;', '&#x', 'MẬT', ' ', '\n', '<img alt="', '<pre>', 'a');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const s = parts.join('');
        const out = htmlToText(s);
        expect(typeof out).toBe('string');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(htmlToText(`<script>${s.replace(/<\/script/gi, '')}</script>ok`)).toBe('ok');
      }),
      { numRuns: 300 },
    );
  });
});
