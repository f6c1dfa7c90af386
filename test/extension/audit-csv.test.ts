import { describe, expect, it } from 'vitest';
import { auditCsv, auditFileName, csvField, vietnamTime } from '../../extension/lib/audit-csv';
import { appendOverride, clearOverrides, readOverrides } from '../../extension/lib/override-log';
import { recipientDomainsOf, type OverrideRecord } from '../../extension/guard/guard';

/** A minimal RFC 4180 reader, to prove the file parses back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(f), rows.push(row), (row = []), (f = ''), i++;
    else f += c;
  }
  return rows;
}

const rec = (o: Partial<OverrideRecord>): OverrideRecord => ({ at: '2026-11-22T02:05:09.000Z', adapter: 'roundcube', preset: 'cantho', rules: ['classified-content'], reason: '', ...o });

describe('audit CSV', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = auditCsv([rec({ reason: 'ok' })]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('quotes commas, quotes and newlines (RFC 4180) and keeps Vietnamese text intact', () => {
    const reason = 'Lãnh đạo đã duyệt, gửi gấp: "Công văn số 12/UBND"\nxem lại sau\r\nhết';
    const csv = auditCsv([rec({ reason, rules: ['classified-content', 'attachment-too-large'], recipientDomains: ['soyt.cantho.gov.vn', 'gmail.com'] })]);
    expect(csv).toContain('"Lãnh đạo đã duyệt, gửi gấp: ""Công văn số 12/UBND""\nxem lại sau\r\nhết"');
    const rows = parseCsv(csv.slice(1));
    expect(rows[0][0]).toBe('Thời điểm (giờ Việt Nam)');
    expect(rows[0][4]).toBe('Lý do');
    expect(rows[1]).toEqual(['2026-11-22 09:05:09', '2026-11-22T02:05:09.000Z', 'classified-content; attachment-too-large', 'cantho', reason, 'soyt.cantho.gov.vn; gmail.com', 'roundcube']);
  });

  it('normalises to NFC (TCVN 6909) so decomposed input is stored composed', () => {
    const nfd = 'Lý do'.normalize('NFD');
    expect(csvField(nfd)).toBe('Lý do');
  });

  it('defuses spreadsheet formulas in user text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+84 123')).toBe("'+84 123");
    expect(csvField('-')).toBe("'-");
  });

  it('plain fields stay unquoted; old records without domains export an empty column', () => {
    expect(csvField('abc')).toBe('abc');
    const rows = parseCsv(auditCsv([rec({})]).slice(1));
    expect(rows[1][5]).toBe('');
  });

  it('English header when asked; file name carries the Vietnam date', () => {
    expect(auditCsv([], 'en')).toBe('\uFEFF"Time (Vietnam, UTC+7)","Time (UTC, ISO 8601)",Rules,Preset,Reason,Recipient domains,Webmail\r\n');
    expect(auditFileName(new Date('2026-11-22T18:00:00Z'))).toBe('congvu-guard-nhat-ky-2026-11-23.csv');
    expect(vietnamTime('nonsense')).toBe('nonsense');
  });
});

describe('override log', () => {
  it('appends, reads, clears; recipients reduced to distinct domains', async () => {
    const data: Record<string, unknown> = {};
    const local = { get: async (k: string) => ({ [k]: data[k] }), set: async (o: Record<string, unknown>) => void Object.assign(data, o) };
    await appendOverride(local, rec({ recipientDomains: recipientDomainsOf({ to: [{ address: 'A@Mic.gov.vn' }], cc: [{ address: 'b@mic.gov.vn' }], bcc: [{ name: 'X', address: 'x@gmail.com' }] }) }));
    const got = await readOverrides(local);
    expect(got[0].recipientDomains).toEqual(['gmail.com', 'mic.gov.vn']);
    expect(JSON.stringify(got)).not.toMatch(/A@Mic|b@mic|x@gmail/);
    await clearOverrides(local);
    expect(await readOverrides(local)).toEqual([]);
  });
});
