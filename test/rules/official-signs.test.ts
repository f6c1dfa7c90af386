/**
 * personal-sender reads the first official sign of subject + '\n' + body; it now takes it from
 * the per-source signs the DraftView memoizes (shared with official-from-personal). These
 * tests hold the two ways to the same answer, including signs that only exist across the line
 * break between subject and body.
 */
import { describe, expect, it } from 'vitest';
import { findOfficialSigns, firstOfficialSign } from '../../shared/rules/official-signs';
import { DraftView } from '../../shared/rules/view';
import { makeDraft } from './tester';

const joined = (subject: string, body: string) => findOfficialSigns(subject + '\n' + body)[0]?.text;
const fromView = (subject: string, body: string) => {
  const view = new DraftView(makeDraft({ subject, body }));
  return firstOfficialSign(view.ownSources, (s) => view.officialSigns(s))?.text;
};

describe('firstOfficialSign', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['Báo cáo tuần', 'Kính gửi anh chị.'],
    ['Số: 12/QĐ-UBND', 'TM. ỦY BAN NHÂN DÂN'], // a signature anywhere comes before a number
    ['KT. GIÁM ĐỐC', 'Số: 12/QĐ-UBND'],
    ['', 'Số 7/CV-STNMT\nTL. BỘ TRƯỞNG'],
    ['Về việc TM.', 'ỦY BAN NHÂN DÂN'], // only a sign across the line break
    ['Công văn Số:', '12/QĐ-UBND'],
    ['Công văn Số', ' 12/QĐ-UBND'],
    ['Số 3/CV-A TM.', 'ỦY BAN NHÂN DÂN'],
    ['Về việc tm.', 'ủy ban'],
  ];
  for (const [subject, body] of cases)
    it(JSON.stringify([subject, body]), () => {
      expect(fromView(subject, body)).toBe(joined(subject, body));
    });

  it('agrees with the joined scan on generated subjects and bodies', () => {
    const toks = ['TM. ỦY BAN NHÂN DÂN', 'KT. GIÁM ĐỐC', 'Số: 12/QĐ-UBND', 'Số 7/CV-STNMT', ' TM.', ' Số', ' Số:', 'Q.', 'PP. ', 'ỦY BAN', 'Số', 'Số :', '12/QĐ-UBND', ' ', '\n', '(', 'abc', 'tm.', ':', '\u00a0'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      seed ^= seed >>> 13;
      return seed % n;
    };
    const gen = () => Array.from({ length: rnd(5) }, () => toks[rnd(toks.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const subject = gen();
      const body = gen();
      expect(fromView(subject, body), JSON.stringify([subject, body])).toBe(joined(subject, body));
    }
  });
});
