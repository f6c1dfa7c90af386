import { ruleTester } from './tester';

ruleTester('public-recipient', {
  valid: [
    { name: 'agency to agency', draft: { from: 'nvminh@cantho.gov.vn', to: ['sonv@cantho.gov.vn'] }, policy: 'cantho' },
    { name: 'rule off in mic (regulation silent)', draft: { from: 'nvan@mic.gov.vn', to: ['dan@gmail.com'] }, policy: 'mic' },
    { name: 'agency to a company domain', draft: { from: 'nvminh@cantho.gov.vn', to: ['info@vnpt.vn'] }, policy: 'cantho' },
    { name: 'Gmail sender (personal-sender covers it)', draft: { from: 'a@gmail.com', to: ['b@gmail.com'] }, policy: 'cantho' },
  ],
  invalid: [
    { name: 'agency to Gmail under cantho', draft: { from: 'nvminh@cantho.gov.vn', to: ['dan@gmail.com'] }, policy: 'cantho', where: ['to'] },
    { name: 'agency to Yahoo in bcc under tphcm-stnmt', draft: { from: 'vp.stnmt@tphcm.gov.vn', to: ['a@tphcm.gov.vn'], bcc: ['b@yahoo.com'] }, policy: 'tphcm-stnmt', where: ['bcc'] },
    { name: 'is informational', draft: { from: 'nvminh@cantho.gov.vn', to: ['dan@gmail.com'] }, policy: 'cantho', check: (f) => { if (f.severity !== 'info' || f.requireReason) throw new Error('expected info without reason'); } },
    { name: 'admin public domain', draft: { from: 'nvminh@cantho.gov.vn', to: ['x@webmail.example'] }, policy: { extends: 'cantho', publicDomains: ['webmail.example'] } },
  ],
});
