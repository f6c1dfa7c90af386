import { expect } from 'vitest';
import { ruleTester } from './tester';

// "Cộng hoà xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc" as typed with .VnTime (TCVN3)
const TCVN3 = 'Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÝnh göi c¸c phßng chuyªn m«n thuéc Së.';
// The same in VNI-Times.
const VNI = 'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nKính göûi caùc phoøng chuyeân moân thuoäc Sôû.';

ruleTester('legacy-encoding', {
  valid: [
    { name: 'Unicode Vietnamese', draft: { body: 'Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc' } },
    { name: 'English', draft: { body: 'Please find the report attached. Regards.' } },
    { name: 'French with accents', draft: { body: 'Veuillez trouver ci-joint le rapport. Cordialement, Hélène — été à Genève.' } },
    { name: 'Unicode with Latin-1 symbols', draft: { body: 'Nhiệt độ 30°C ± 2°, © 2026 Sở TT&TT.' } },
    { name: 'rule off by admin', draft: { body: TCVN3 }, policy: { rules: { 'legacy-encoding': { severity: 'off' } } } },
  ],
  invalid: [
    {
      name: 'TCVN3 body',
      draft: { body: TCVN3 },
      where: ['body'],
      check: (f) => {
        expect(f.fix).toEqual({ kind: 'convert-encoding', encoding: 'tcvn3' });
        expect(f.message).toContain('TCVN3');
      },
    },
    { name: 'VNI body', draft: { body: VNI }, where: ['body'], check: (f) => expect(f.fix).toEqual({ kind: 'convert-encoding', encoding: 'vni' }) },
    { name: 'TCVN3 subject', draft: { subject: 'B¸o c¸o kÕt qu¶ c«ng t¸c th¸ng 10 cña Së' }, where: ['subject'] },
    { name: 'cites Quảng Ngãi Đ6 k3', draft: { body: TCVN3 }, policy: 'quangngai', check: (f) => expect(f.citations).toEqual(['Điều 6 khoản 3, Quy chế kèm QĐ 51/2015/QĐ-UBND (Quảng Ngãi)']) },
  ],
});
