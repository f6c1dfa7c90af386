import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { exportPolicy, EXPORT_TARGETS } from '../../shared/admin/export';
import { CHROME_EXTENSION_ID, GECKO_ID } from '../../shared/admin/ids';
import { managedToPolicy, policyToManaged } from '../../shared/policy/managed';
import { resolvePolicy, type PolicyInput } from '../../shared/policy';
import { MANAGED_SCHEMA_PATH, renderManagedSchema } from '../../scripts/gen-managed-schema';

const POLICY: PolicyInput = {
  extends: 'mic',
  agencyDomains: ['bo-tttt.vn'],
  attachmentLimitMB: 20,
  onError: 'block',
  customMarkings: ['lưu hành nội bộ', '/HS-MAT-\\d{4}/'],
  rules: { 'classified-content': { severity: 'block', allowOverride: false } },
  calendar: { extraDaysOff: ['2026-02-16'] },
};

/** A small .reg reader: sections and their values, as regedit would import them. */
function parseReg(text: string): Map<string, Map<string, string | number>> {
  const lines = text.split(/\r\n/);
  expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
  const out = new Map<string, Map<string, string | number>>();
  let cur: Map<string, string | number> | null = null;
  for (const line of lines.slice(1)) {
    if (!line || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      out.set(sec[1], (cur = new Map()));
      continue;
    }
    const m = /^"((?:[^"\\]|\\.)*)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")$/.exec(line);
    expect(m, `bad .reg line: ${line}`).not.toBeNull();
    cur!.set(m![1], m![2] !== undefined ? parseInt(m![2], 16) : m![3].replace(/\\(.)/g, '$1'));
  }
  return out;
}

describe('policy export', () => {
  it('chromium-linux: force-install plus 3rdparty settings that round-trip to the same policy', () => {
    const [install, settings] = exportPolicy('chromium-linux', POLICY);
    expect(install.installTo).toBe('/etc/chromium/policies/managed/congvu-guard-install.json');
    expect(settings.installTo).toBe('/etc/chromium/policies/managed/congvu-guard-settings.json');
    expect(JSON.parse(install.content).ExtensionSettings[CHROME_EXTENSION_ID].installation_mode).toBe('force_installed');
    const json = JSON.parse(settings.content);
    expect(Object.keys(json)).toEqual(['3rdparty']);
    const managed = json['3rdparty'].extensions[CHROME_EXTENSION_ID];
    const back = managedToPolicy(managed);
    expect(back.ok).toBe(true);
    if (back.ok) expect(resolvePolicy(back.settings.policy)).toEqual(resolvePolicy(POLICY));
  });

  it('chrome-reg / edge-reg parse back to the managed values', () => {
    for (const target of ['chrome-reg', 'edge-reg'] as const) {
      const [f] = exportPolicy(target, POLICY, { updateUrl: 'https://mail.mic.gov.vn/ext/update.xml', forcelistSlot: 3 });
      const reg = parseReg(f.content);
      const root = target === 'edge-reg' ? 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge' : 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
      expect(reg.get(`${root}\\ExtensionInstallForcelist`)!.get('3')).toBe(`${CHROME_EXTENSION_ID};https://mail.mic.gov.vn/ext/update.xml`);
      const key = `${root}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy`;
      const values = reg.get(key)!;
      expect(values.get('preset')).toBe('mic');
      expect(values.get('attachmentLimitMB')).toBe(20);
      expect(values.get('onError')).toBe('block');
      expect(values.get('allowOverride_classified_content')).toBe(0);
      const markings = reg.get(`${key}\\customMarkings`)!;
      expect([...markings.values()]).toEqual(['lưu hành nội bộ', '/HS-MAT-\\d{4}/']);
    }
  });

  it('firefox policies.json uses the gecko id and 3rdparty.Extensions', () => {
    const [f] = exportPolicy('firefox', POLICY);
    const json = JSON.parse(f.content);
    expect(json.policies.ExtensionSettings[GECKO_ID].installation_mode).toBe('force_installed');
    expect(json.policies['3rdparty'].Extensions[GECKO_ID].preset).toBe('mic');
  });

  it('ADMX/ADML are well-formed and every string and presentation they reference exists in both languages', () => {
    const files = exportPolicy('admx', POLICY);
    expect(files.map((f) => f.path)).toEqual(['congvu-guard.admx', 'vi-VN/congvu-guard.adml', 'en-US/congvu-guard.adml']);
    for (const f of files) expect(XMLValidator.validate(f.content)).toBe(true);
    const admx = files[0].content;
    const parser = new XMLParser({ ignoreAttributes: false });
    const policies = parser.parse(admx).policyDefinitions.policies.policy;
    expect(policies.length).toBeGreaterThan(10);
    const strings = [...admx.matchAll(/\$\(string\.([\w]+)\)/g)].map((m) => m[1]);
    const presentations = [...admx.matchAll(/\$\(presentation\.([\w]+)\)/g)].map((m) => m[1]);
    for (const adml of files.slice(1)) {
      const res = parser.parse(adml.content).policyDefinitionResources.resources;
      const ids = new Set(res.stringTable.string.map((s: { '@_id': string }) => s['@_id']));
      for (const s of strings) expect(ids, `${adml.path} lacks string ${s}`).toContain(s);
      const pres = new Set(res.presentationTable.presentation.map((p: { '@_id': string }) => p['@_id']));
      for (const p of presentations) expect(pres).toContain(p);
    }
    expect(files[1].content).toContain('Quy chế áp dụng');
    expect(files[2].content).toContain('Regulation preset');
  });

  it('covers every target', () => {
    for (const t of EXPORT_TARGETS) expect(exportPolicy(t, POLICY).length).toBeGreaterThan(0);
  });
});

describe('managed storage', () => {
  it('public/managed_schema.json is up to date (run: npx tsx scripts/gen-managed-schema.ts)', () => {
    expect(readFileSync(MANAGED_SCHEMA_PATH, 'utf8')).toBe(renderManagedSchema());
  });

  it('keeps the schema flat: scalars and string lists only', () => {
    const schema = JSON.parse(renderManagedSchema());
    for (const [k, p] of Object.entries<{ type: string; items?: { type: string } }>(schema.properties)) {
      expect(['string', 'number', 'integer', 'boolean', 'array'], k).toContain(p.type);
      if (p.type === 'array') expect(p.items!.type).toBe('string');
    }
  });

  it('reports invalid managed values with the flat key that was wrong', () => {
    const r = managedToPolicy({ preset: 'hanoi', attachmentLimitMB: -5, severity_classified_content: 'loud', bogus: 1, policyUrl: 'http://x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['$.preset', '$.attachmentLimitMB', '$.severity_classified_content', '$.bogus', '$.policyUrl']));
  });

  it('flat keys override policyJson', () => {
    const r = managedToPolicy({ policyJson: JSON.stringify({ extends: 'quangngai', attachmentLimitMB: 25 }), attachmentLimitMB: 10 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(resolvePolicy(r.settings.policy).preset).toBe('quangngai');
      expect(resolvePolicy(r.settings.policy).attachmentLimitMB).toBe(10);
      expect(r.settings.allowUserPreset).toBe(false);
    }
  });

  it('policyToManaged carries what has no flat key in policyJson', () => {
    const m = policyToManaged({ extends: 'binhphuoc', calendar: { workingHours: [['08:00', '12:00']] } });
    expect(JSON.parse(m.policyJson as string).calendar.workingHours).toEqual([['08:00', '12:00']]);
  });
});
