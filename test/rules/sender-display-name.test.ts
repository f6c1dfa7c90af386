import { expect } from 'vitest';
import { ruleTester } from './tester';
import { displayNameProblem } from '../../shared/rules/sender-display-name';

const ct = 'cantho' as const;
ruleTester('sender-display-name', {
  valid: [
    { name: 'name - agency', draft: { from: { name: 'Nguyễn Văn Minh - Sở Nội vụ', address: 'nvminh@cantho.gov.vn' } }, policy: ct },
    { name: 'name (agency)', draft: { from: { name: 'Nguyễn Văn Minh (UBND quận Ninh Kiều)', address: 'nvminh@cantho.gov.vn' } }, policy: ct },
    { name: 'name agency without separator', draft: { from: { name: 'Trần Thị Lan Sở Y tế', address: 'ttlan@cantho.gov.vn' } }, policy: ct },
    { name: 'unit mailbox (pattern) is exempt', draft: { from: { name: 'Văn phòng', address: 'vanphong.sokhdt@cantho.gov.vn' } }, policy: ct },
    { name: 'rule off outside Cần Thơ', draft: { from: { address: 'dvbe@mic.gov.vn' } }, policy: 'mic' },
    { name: 'public sender is another rule', draft: { from: { address: 'x@gmail.com' } }, policy: ct },
  ],
  invalid: [
    { name: 'no display name', draft: { from: { address: 'nvminh@cantho.gov.vn' } }, policy: ct, where: ['from'] },
    { name: 'display name is the mailbox', draft: { from: { name: 'nvminh', address: 'nvminh@cantho.gov.vn' } }, policy: ct },
    { name: 'name without agency', draft: { from: { name: 'Nguyễn Văn Minh', address: 'nvminh@cantho.gov.vn' } }, policy: ct, check: (f) => expect(f.message).toContain('Nguyễn Văn Minh') },
    { name: 'agency without a full name', draft: { from: { name: 'Minh - Sở Nội vụ', address: 'nvminh@cantho.gov.vn' } }, policy: ct },
  ],
});

import { describe, it } from 'vitest';
describe('displayNameProblem', () => {
  it('explains the problem', () => {
    expect(displayNameProblem('', 'x')).toBe('empty');
    expect(displayNameProblem('nvminh', 'nvminh')).toBe('local-part');
    expect(displayNameProblem('Nguyễn Văn Minh', 'nvminh')).toBe('no-agency');
    expect(displayNameProblem('Nguyễn Văn Minh | Sở Nội vụ', 'nvminh')).toBeNull();
  });
});
