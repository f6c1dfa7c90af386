/**
 * `congvu-guard policy export` (issue #6 item 5): ready-to-deploy enterprise policy files.
 *   chrome-linux | chromium-linux | edge-linux → managed JSON policy (force-install + 3rdparty)
 *   chrome-reg | edge-reg                      → .reg for Windows (GPO "Registry" / Intune script)
 *   firefox                                    → policies.json (ExtensionSettings + 3rdparty)
 *   admx                                       → congvu-guard.admx + vi-VN / en-US .adml
 * Pure string builders; the CLI writes them to --out DIR.
 */
import type { PolicyInput } from '../policy/schema';
import { MANAGED_PROPERTIES, policyToManaged } from '../policy/managed';
import { CHROME_EXTENSION_ID, CHROME_STORE_UPDATE_URL, EDGE_STORE_UPDATE_URL, GECKO_ID } from './ids';

export const EXPORT_TARGETS = ['chrome-linux', 'chromium-linux', 'edge-linux', 'chrome-reg', 'edge-reg', 'firefox', 'admx'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ExportOptions {
  /** Self-hosted update manifest (Chrome/Edge) — defaults to the browser's store. */
  updateUrl?: string;
  /** Firefox: where the signed .xpi is hosted — defaults to addons.mozilla.org's latest. */
  xpiUrl?: string;
  policyUrl?: string;
  /**
   * Windows: the value name in ExtensionInstallForcelist ("1", "2", …). Chrome reads that list
   * by consecutive numbers, so an admin who already force-installs N extensions uses N + 1.
   */
  forcelistSlot?: number;
}

export interface ExportedFile {
  /** Path relative to --out DIR. */
  path: string;
  content: string;
  /** Where the admin puts it (shown by the CLI). */
  installTo: string;
}

export function exportPolicy(target: ExportTarget, policy: PolicyInput, opts: ExportOptions = {}): ExportedFile[] {
  const managed = policyToManaged(policy, { policyUrl: opts.policyUrl });
  switch (target) {
    case 'chrome-linux':
    case 'chromium-linux':
    case 'edge-linux': {
      const edge = target === 'edge-linux';
      const updateUrl = opts.updateUrl ?? (edge ? EDGE_STORE_UPDATE_URL : CHROME_STORE_UPDATE_URL);
      const dir = { 'chrome-linux': '/etc/opt/chrome/policies/managed/', 'chromium-linux': '/etc/chromium/policies/managed/', 'edge-linux': '/etc/opt/edge/policies/managed/' }[target];
      // Two files: the browser merges every file in the managed folder, so an admin who already
      // force-installs extensions elsewhere (their own ExtensionSettings) can deploy only the
      // settings file, and the settings never depend on how the extension got installed.
      const install = { ExtensionSettings: { [CHROME_EXTENSION_ID]: { installation_mode: 'force_installed', update_url: updateUrl } } };
      const settings = { '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: managed } } };
      return [
        { path: 'congvu-guard-install.json', content: JSON.stringify(install, null, 2) + '\n', installTo: dir + 'congvu-guard-install.json' },
        { path: 'congvu-guard-settings.json', content: JSON.stringify(settings, null, 2) + '\n', installTo: dir + 'congvu-guard-settings.json' },
      ];
    }
    case 'chrome-reg':
    case 'edge-reg': {
      const edge = target === 'edge-reg';
      const root = edge ? 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge' : 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
      const updateUrl = opts.updateUrl ?? (edge ? EDGE_STORE_UPDATE_URL : CHROME_STORE_UPDATE_URL);
      return [{ path: `congvu-guard-${edge ? 'edge' : 'chrome'}.reg`, content: toReg(root, updateUrl, managed, opts.forcelistSlot ?? 1), installTo: 'regedit /s (GPO: Computer Configuration › Preferences › Registry, or Intune)' }];
    }
    case 'firefox': {
      const json = {
        policies: {
          ExtensionSettings: {
            [GECKO_ID]: { installation_mode: 'force_installed', install_url: opts.xpiUrl ?? 'https://addons.mozilla.org/firefox/downloads/latest/congvu-guard/latest.xpi' },
          },
          '3rdparty': { Extensions: { [GECKO_ID]: managed } },
        },
      };
      return [{ path: 'policies.json', content: JSON.stringify(json, null, 2) + '\n', installTo: '/etc/firefox/policies/policies.json (Linux) · <Firefox install dir>\\distribution\\policies.json (Windows)' }];
    }
    case 'admx':
      return [
        { path: 'congvu-guard.admx', content: admx(), installTo: 'C:\\Windows\\PolicyDefinitions\\ (or the Central Store)' },
        { path: 'vi-VN/congvu-guard.adml', content: adml('vi'), installTo: 'C:\\Windows\\PolicyDefinitions\\vi-VN\\' },
        { path: 'en-US/congvu-guard.adml', content: adml('en'), installTo: 'C:\\Windows\\PolicyDefinitions\\en-US\\' },
      ];
  }
}

// ---- .reg ---------------------------------------------------------------------------------------

const regString = (s: string) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';

/**
 * Chrome/Edge read extension policies from `…\3rdparty\extensions\<id>\policy`: strings as
 * REG_SZ, booleans and integers as REG_DWORD, lists as a subkey of numbered REG_SZ values, and
 * non-integer numbers as REG_SZ (the browser converts them by the schema).
 * The file is UTF-16LE with a BOM as regedit expects ("Windows Registry Editor Version 5.00"),
 * so Vietnamese text survives.
 */
export function toReg(root: string, updateUrl: string, managed: Record<string, unknown>, slot = 1): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; congvu-guard: force-install in ExtensionInstallForcelist slot "${slot}". If this machine already`,
    '; force-installs other extensions, re-export with --forcelist-slot <next free number>.',
    `[${root}\\ExtensionInstallForcelist]`,
    `"${slot}"=${regString(`${CHROME_EXTENSION_ID};${updateUrl}`)}`,
    '',
  ];
  const key = `${root}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy`;
  const scalars: string[] = [];
  const lists: string[] = [];
  for (const [name, value] of Object.entries(managed)) {
    if (Array.isArray(value)) {
      lists.push('', `[${key}\\${name}]`, ...value.map((v, i) => `"${i + 1}"=${regString(String(v))}`));
    } else if (typeof value === 'boolean') scalars.push(`"${name}"=dword:${value ? '00000001' : '00000000'}`);
    else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) scalars.push(`"${name}"=dword:${value.toString(16).padStart(8, '0')}`);
    else scalars.push(`"${name}"=${regString(String(value))}`);
  }
  lines.push(`[${key}]`, ...scalars, ...lists, '');
  return lines.join('\r\n');
}

// ---- ADMX / ADML ----------------------------------------------------------------------------------

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const BROWSERS = [
  { id: 'Chrome', key: `Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy` },
  { id: 'Edge', key: `Software\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy` },
];

/** The flat keys admins most often set through Group Policy; the rest go in policyJson. */
const ADMX_KEYS = ['preset', 'policyUrl', 'policyJson', 'attachmentLimitMB', 'onError', 'agencyDomains', 'unitMailboxDirectory', 'customMarkings', 'extraDaysOff', 'makeUpWorkdays', 'allowUserPreset', 'allowClearAuditLog'];

function admx(): string {
  const policies: string[] = [];
  for (const b of BROWSERS) {
    for (const name of ADMX_KEYS) {
      const p = MANAGED_PROPERTIES[name];
      const id = `${b.id}_${name}`;
      let elements: string;
      if (p.type === 'array') elements = `<list id="${name}_list" key="${b.key}\\${name}" valuePrefix="" />`;
      else if (p.type === 'boolean') elements = '';
      else if (p.type === 'string' && 'enum' in p && p.enum)
        elements = `<enum id="${name}_enum" valueName="${name}">${p.enum.map((v) => `<item displayName="$(string.${name}_${v.replace(/-/g, '_')})"><value><string>${v}</string></value></item>`).join('')}</enum>`;
      else if (p.type === 'integer') elements = `<decimal id="${name}_value" valueName="${name}" />`;
      else if (name === 'policyJson') elements = `<multiText id="${name}_value" valueName="${name}" />`;
      else elements = `<text id="${name}_value" valueName="${name}" />`;
      const boolValues = p.type === 'boolean' ? `<enabledValue><decimal value="1" /></enabledValue><disabledValue><decimal value="0" /></disabledValue>` : '';
      policies.push(
        `    <policy name="${id}" class="Machine" displayName="$(string.${name})" explainText="$(string.${name}_Explain)" presentation="$(presentation.${name})" key="${b.key}"${p.type === 'boolean' ? ` valueName="${name}"` : ''}>\n` +
          `      <parentCategory ref="${b.id}" />\n      <supportedOn ref="SUPPORTED_ALL" />\n` +
          (boolValues ? `      ${boolValues}\n` : '') +
          (elements ? `      <elements>${elements}</elements>\n` : '') +
          `    </policy>`,
      );
    }
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <policyNamespaces>
    <target prefix="congvuguard" namespace="VN.CongvuGuard.Policies" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      <definition name="SUPPORTED_ALL" displayName="$(string.SUPPORTED_ALL)" />
    </definitions>
  </supportedOn>
  <categories>
    <category name="CongvuGuard" displayName="$(string.CongvuGuard)" />
    <category name="Chrome" displayName="$(string.Cat_Chrome)"><parentCategory ref="CongvuGuard" /></category>
    <category name="Edge" displayName="$(string.Cat_Edge)"><parentCategory ref="CongvuGuard" /></category>
  </categories>
  <policies>
${policies.join('\n')}
  </policies>
</policyDefinitions>
`;
}

const ADML_TEXT: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    CongvuGuard: 'congvu-guard (thư điện tử công vụ)',
    Cat_Chrome: 'Google Chrome',
    Cat_Edge: 'Microsoft Edge',
    SUPPORTED_ALL: 'Chrome 111 / Edge 111 trở lên',
    preset: 'Quy chế áp dụng',
    policyUrl: 'Địa chỉ tệp chính sách (HTTPS)',
    policyJson: 'Chính sách đầy đủ (JSON)',
    attachmentLimitMB: 'Giới hạn dung lượng tệp đính kèm (MB)',
    onError: 'Khi không kiểm tra được thư',
    agencyDomains: 'Tên miền của cơ quan',
    unitMailboxDirectory: 'Danh bạ hộp thư đơn vị',
    customMarkings: 'Dấu mật bổ sung',
    extraDaysOff: 'Ngày nghỉ bổ sung (YYYY-MM-DD)',
    makeUpWorkdays: 'Ngày làm bù (YYYY-MM-DD)',
    allowUserPreset: 'Cho người dùng tự chọn quy chế',
    allowClearAuditLog: 'Cho người dùng xóa nhật ký "Vẫn gửi"',
    onError_allow: 'Cho gửi và thông báo',
    onError_block: 'Chặn và thông báo',
  },
  en: {
    CongvuGuard: 'congvu-guard (official e-mail)',
    Cat_Chrome: 'Google Chrome',
    Cat_Edge: 'Microsoft Edge',
    SUPPORTED_ALL: 'Chrome 111 / Edge 111 or later',
    preset: 'Regulation preset',
    policyUrl: 'Policy file URL (HTTPS)',
    policyJson: 'Full policy (JSON)',
    attachmentLimitMB: 'Attachment size limit (MB)',
    onError: 'When a message cannot be checked',
    agencyDomains: 'Agency domains',
    unitMailboxDirectory: 'Unit mailbox directory',
    customMarkings: 'Extra classified markings',
    extraDaysOff: 'Extra days off (YYYY-MM-DD)',
    makeUpWorkdays: 'Make-up working days (YYYY-MM-DD)',
    allowUserPreset: 'Let users choose the preset',
    allowClearAuditLog: 'Let users clear the "send anyway" log',
    onError_allow: 'Send and tell the user',
    onError_block: 'Block and tell the user',
  },
};

const PRESET_NAMES: Record<string, [string, string]> = {
  'vn-baseline': ['Mặc định toàn quốc (Chỉ thị 34/2008/CT-TTg)', 'National baseline (Directive 34/2008/CT-TTg)'],
  quangngai: ['Tỉnh Quảng Ngãi (QĐ 51/2015/QĐ-UBND)', 'Quảng Ngãi province (51/2015/QĐ-UBND)'],
  binhphuoc: ['Tỉnh Bình Phước (QĐ 48/2009/QĐ-UBND)', 'Bình Phước province (48/2009/QĐ-UBND)'],
  cantho: ['TP Cần Thơ (QĐ 33/2015/QĐ-UBND)', 'Cần Thơ city (33/2015/QĐ-UBND)'],
  'tphcm-stnmt': ['Sở TN&MT TP.HCM', 'HCMC Dept. of Natural Resources and Environment'],
  mic: ['Bộ Thông tin và Truyền thông (QĐ 652/QĐ-BTTTT)', 'Ministry of Information and Communications (652/QĐ-BTTTT)'],
};

function adml(lang: 'vi' | 'en'): string {
  const t = ADML_TEXT[lang];
  const strings: string[] = [];
  for (const [k, v] of Object.entries(t)) strings.push(`      <string id="${k}">${xmlEscape(v)}</string>`);
  for (const name of ADMX_KEYS) strings.push(`      <string id="${name}_Explain">${xmlEscape(MANAGED_PROPERTIES[name].description.split(' / ')[lang === 'vi' ? 0 : 1] ?? MANAGED_PROPERTIES[name].description)}</string>`);
  for (const [id, names] of Object.entries(PRESET_NAMES)) strings.push(`      <string id="preset_${id.replace(/-/g, '_')}">${xmlEscape(names[lang === 'vi' ? 0 : 1])}</string>`);
  const presentations = ADMX_KEYS.map((name) => {
    const p = MANAGED_PROPERTIES[name];
    const label = xmlEscape(t[name]);
    let el = '';
    if (p.type === 'array') el = `<listBox refId="${name}_list">${label}</listBox>`;
    else if (p.type === 'boolean') el = '';
    else if (p.type === 'string' && 'enum' in p && p.enum) el = `<dropdownList refId="${name}_enum" noSort="true">${label}</dropdownList>`;
    else if (p.type === 'integer') el = `<decimalTextBox refId="${name}_value">${label}</decimalTextBox>`;
    else if (name === 'policyJson') el = `<multiTextBox refId="${name}_value">${label}</multiTextBox>`;
    else el = `<textBox refId="${name}_value"><label>${label}</label></textBox>`;
    return `      <presentation id="${name}">${el}</presentation>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <displayName>congvu-guard</displayName>
  <description>${xmlEscape(t.CongvuGuard)}</description>
  <resources>
    <stringTable>
${strings.join('\n')}
    </stringTable>
    <presentationTable>
${presentations.join('\n')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
}
