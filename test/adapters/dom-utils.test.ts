// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  asElement,
  cleanText,
  convertTextNodes,
  editableText,
  first,
  isHidden,
  isImeComposing,
  isModEnter,
  labelIs,
  parseAddress,
  parseAddressList,
  parseSize,
  selectedOption,
  setFieldValue,
  splitAddressList,
  splitNameAndSize,
  uniqueAddresses,
} from '../../extension/adapters/dom-utils';
import { key } from './helpers';

const el = (html: string): HTMLElement => {
  const d = document.createElement('div');
  d.innerHTML = html;
  return d.firstElementChild as HTMLElement;
};

describe('parseAddress', () => {
  it.each([
    ['"Nguyễn Văn An" <nvan@mic.gov.vn>', { name: 'Nguyễn Văn An', address: 'nvan@mic.gov.vn' }],
    ['Nguyễn Văn An - Sở TT&TT <nvan@mic.gov.vn>', { name: 'Nguyễn Văn An - Sở TT&TT', address: 'nvan@mic.gov.vn' }],
    ['Trần Thị Bình (ttbinh@ubnd.quangngai.gov.vn)', { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' }],
    ['ttbinh@ubnd.quangngai.gov.vn (Trần Thị Bình)', { name: 'Trần Thị Bình', address: 'ttbinh@ubnd.quangngai.gov.vn' }],
    ['<vanthu@quangngai.gov.vn>', { address: 'vanthu@quangngai.gov.vn' }],
    ['mailto:vanthu@quangngai.gov.vn', { address: 'vanthu@quangngai.gov.vn' }],
    ['  vanthu@quangngai.gov.vn ; ', { address: 'vanthu@quangngai.gov.vn' }],
    ['"Nguyễn Văn An" <nvan@mic.gov.vn> (Mặc định)', { name: 'Nguyễn Văn An', address: 'nvan@mic.gov.vn' }],
    ['vanthu@quangngai.gov.vn <vanthu@quangngai.gov.vn>', { address: 'vanthu@quangngai.gov.vn' }],
  ])('%s', (raw, expected) => {
    expect(parseAddress(raw)).toEqual(expected);
  });

  it('returns null for names and junk', () => {
    expect(parseAddress('Trần Thị Bình')).toBeNull();
    expect(parseAddress('')).toBeNull();
    expect(parseAddress('a@b')).toBeNull();
    expect(parseAddress(null)).toBeNull();
  });

  it('normalises to NFC (decomposed Vietnamese from some IMEs)', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n An <nvan@mic.gov.vn>';
    expect(parseAddress(decomposed)?.name).toBe('Nguyễn Văn An');
  });
});

describe('address lists', () => {
  it('splits on , ; and newlines outside quotes and brackets', () => {
    expect(splitAddressList('"Lê, Văn C" <c@x.vn>, d@x.vn; e@x.vn\nf@x.vn')).toEqual([
      '"Lê, Văn C" <c@x.vn>',
      'd@x.vn',
      'e@x.vn',
      'f@x.vn',
    ]);
  });

  it('parses and de-duplicates case-insensitively, keeping the first name', () => {
    const list = parseAddressList('"Bình" <TTBinh@x.vn>, ttbinh@x.vn, rác, c@x.vn');
    expect(uniqueAddresses(list)).toEqual([{ name: 'Bình', address: 'TTBinh@x.vn' }, { address: 'c@x.vn' }]);
  });
});

describe('sizes', () => {
  it.each([
    ['26,3 MB', Math.round(26.3 * 1024 ** 2)],
    ['26.3 MB', Math.round(26.3 * 1024 ** 2)],
    ['1.2 KB', Math.round(1.2 * 1024)],
    ['1,2 KB', Math.round(1.2 * 1024)],
    ['(26K)', 26 * 1024],
    ['(1,234K)', 1234 * 1024],
    ['1.234 KB', 1234 * 1024],
    ['1.234,5 KB', Math.round(1234.5 * 1024)],
    ['1,234.5 KB', Math.round(1234.5 * 1024)],
    ['800 byte', 800],
    ['12 bytes', 12],
    ['512 B', 512],
    ['2 GB', 2 * 1024 ** 3],
    ['3 MiB', 3 * 1024 ** 2],
    ['1\u00A0536 KB', 1536 * 1024],
  ])('%s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('rejects what is not a size', () => {
    expect(parseSize('bao-cao.docx')).toBeNull();
    expect(parseSize('26,3')).toBeNull();
    expect(parseSize('')).toBeNull();
  });

  it('splits a displayed name from a trailing size', () => {
    expect(splitNameAndSize('Bao-cao-quy-III.docx (26,3 KB)')).toEqual({ name: 'Bao-cao-quy-III.docx', size: 26931 });
    expect(splitNameAndSize('Bao-cao.pdf, 245 KB')).toEqual({ name: 'Bao-cao.pdf', size: 250880 });
    expect(splitNameAndSize('Kế hoạch 2025.pdf')).toEqual({ name: 'Kế hoạch 2025.pdf', size: null });
    expect(splitNameAndSize('Bản đồ A4 B.pdf')).toEqual({ name: 'Bản đồ A4 B.pdf', size: null });
  });
});

describe('editableText', () => {
  it('turns <br> and blocks into line breaks and collapses the rest', () => {
    const body = el('<div><div>Kính gửi:   anh Bình</div><div><br></div><p>Dòng  một<br>dòng hai</p><ul><li>a</li><li>b</li></ul>Trân&nbsp;trọng</div>');
    expect(editableText(body)).toBe('Kính gửi: anh Bình\n\nDòng một\ndòng hai\na\nb\nTrân trọng');
  });

  it('skips hidden nodes, scripts and zero-width characters; keeps line breaks of <pre>', () => {
    const body = el('<div>A\u200B<span style="display:none">ẩn</span><script>x()</script><style>p{}</style><pre>dòng 1\ndòng 2</pre></div>');
    expect(editableText(body)).toBe('A\ndòng 1\ndòng 2');
  });

  it('is empty for nothing', () => {
    expect(editableText(null)).toBe('');
  });
});

describe('labels, visibility, events', () => {
  it('compares labels without case, colons or bidi marks', () => {
    expect(labelIs('Đến:', ['đến'])).toBe(true);
    expect(labelIs('\u202AGửi\u202C', ['Gửi'])).toBe(true);
    expect(labelIs('Gửi thư', ['Gửi'])).toBe(false);
    expect(cleanText('  Gửi\u00A0 \u202A(Ctrl-Enter)\u202C ')).toBe('Gửi (Ctrl-Enter)');
  });

  it('sees markup-hidden elements, incl. Zimbra LOC_NOWHERE and aria-hidden', () => {
    const root = el('<div><p id="a" style="display:none"><b id="b">x</b></p><p id="c" style="position:absolute;left:-10000px"></p><p id="d" aria-hidden="true"></p><p id="e"></p></div>');
    document.body.append(root);
    for (const id of ['a', 'b', 'c', 'd']) expect(isHidden(root.querySelector(`#${id}`))).toBe(true);
    expect(isHidden(root.querySelector('#e'))).toBe(false);
    root.remove();
  });

  it('never throws on a bad selector and maps text nodes to elements', () => {
    const root = el('<div><span id="s">x</span></div>');
    expect(first(root, ['[[bad', '#s'])?.id).toBe('s');
    expect(asElement(root.querySelector('#s')!.firstChild)?.id).toBe('s');
    expect(asElement(null)).toBeNull();
  });

  it('sets a field through the native setter and fires input + change', () => {
    const input = document.createElement('input');
    const seen: string[] = [];
    input.addEventListener('input', () => seen.push('input'));
    input.addEventListener('change', () => seen.push('change'));
    setFieldValue(input, 'Chủ đề mới');
    expect(input.value).toBe('Chủ đề mới');
    expect(seen).toEqual(['input', 'change']);
  });

  it('converts text nodes only, keeping markup', () => {
    const body = el('<div>Kinh <b>gui</b><script>gui()</script></div>');
    expect(convertTextNodes(body, (s) => s.replace('gui', 'gửi'))).toBe(1);
    expect(body.innerHTML).toBe('Kinh <b>gửi</b><script>gui()</script>');
  });

  it('reads the selected option even where selectedIndex is unreliable', () => {
    const s = el('<select><option>a</option><option selected>b</option></select>') as HTMLSelectElement;
    expect(selectedOption(s)?.textContent).toBe('b');
  });
});

describe('keys', () => {
  it('treats isComposing, keyCode 229 and "Process" as an IME composition (Telex/VNI)', () => {
    expect(isImeComposing(key({ key: 'Enter', isComposing: true }))).toBe(true);
    expect(isImeComposing(key({ key: 'Enter', keyCode: 229 }))).toBe(true);
    expect(isImeComposing(key({ key: 'Process' }))).toBe(true);
    expect(isImeComposing(key({ key: 'Enter' }))).toBe(false);
  });

  it('matches Ctrl+Enter / Cmd+Enter without other modifiers', () => {
    expect(isModEnter(key({ key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(isModEnter(key({ key: 'Enter', code: 'NumpadEnter', ctrlKey: true }))).toBe(true);
    expect(isModEnter(key({ key: 'Enter', metaKey: true }))).toBe(true);
    expect(isModEnter(key({ key: 'Enter', metaKey: true }), false)).toBe(false);
    expect(isModEnter(key({ key: 'Enter', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isModEnter(key({ key: 'Enter', ctrlKey: true, metaKey: true }))).toBe(false);
    expect(isModEnter(key({ key: 'Enter' }))).toBe(false);
  });
});
