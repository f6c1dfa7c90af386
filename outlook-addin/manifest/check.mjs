// Offline checks for the XML add-in manifest (manifest.xml).
//
// Why our own checker: Microsoft's validator (office-addin-manifest validate) posts the
// manifest to a web service, and CI has no network. This checks the mistakes that break
// Smart Alerts silently in the field: a FunctionName Outlook cannot find blocks every send
// under SoftBlock; a resid that resolves to nothing makes Outlook reject the manifest; a
// plain-http URL is refused by every Outlook client. Plain ESM JavaScript so the build
// script can run it on the built manifest without a TypeScript step.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** @typedef {{ code: string, message: string, path: string }} ManifestIssue */
/** @typedef {{ name: string, attrs: Record<string,string>, children: XNode[], text: string, path: string }} XNode */

export const LAUNCH_EVENT_TYPES = [
  'OnNewMessageCompose', 'OnNewAppointmentOrganizer', 'OnMessageAttachmentsChanged',
  'OnAppointmentAttachmentsChanged', 'OnMessageRecipientsChanged', 'OnAppointmentAttendeesChanged',
  'OnAppointmentTimeChanged', 'OnAppointmentRecurrenceChanged', 'OnInfoBarDismissClicked',
  'OnMessageSend', 'OnAppointmentSend', 'OnMessageCompose', 'OnAppointmentOrganizer',
  'OnMessageFromChanged', 'OnAppointmentFromChanged', 'OnSensitivityLabelChanged',
  'OnMessageReadWithCustomAttachment', 'OnMessageReadWithCustomHeader', 'OnMessageRead',
];
/** LaunchEventSendMode in [MS-OWEMXML] 2.3.67. */
export const SEND_MODES = ['PromptUser', 'SoftBlock', 'Block'];
const SEND_EVENTS = ['OnMessageSend', 'OnAppointmentSend'];
/** Highest Mailbox requirement set we accept in the manifest (newer ones are probed at run time). */
const MAX_MAILBOX = [1, 15];

const VERSION_RE = /^\d{1,5}(\.\d{1,5}){0,3}$/; // <Version>: up to four dotted parts (ST_Version)
const REQ_VERSION_RE = /^\d+\.\d+$/; // MinVersion / DefaultMinVersion: "1.12"
const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const LOCALE_RE = /^[a-z]{2,3}-[A-Z]{2}$/;
const PLACEHOLDER_RE = /\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

/** Elements whose resid must point into a given resource table. */
const RESID_TABLE = {
  'bt:Image': 'bt:Images',
  SourceLocation: 'bt:Urls',
  FunctionFile: 'bt:Urls',
  Runtime: 'bt:Urls',
  Override: 'bt:Urls',
  Label: 'bt:ShortStrings',
  Title: 'bt:ShortStrings',
  Description: 'bt:LongStrings',
};

/**
 * @param {string} xml
 * @param {{ associatedFunctions?: string[], placeholders?: Record<string,string>, requireLocales?: string[] }} [opts]
 *   associatedFunctions: names the handler bundle passes to Office.actions.associate;
 *   placeholders: values for {{NAME}} (the source manifest), none for the built one;
 *   requireLocales: locales every localisable string must have an Override for.
 * @returns {{ ok: boolean, issues: ManifestIssue[], functionNames: string[], urls: string[] }}
 */
export function checkManifest(xml, opts = {}) {
  /** @type {ManifestIssue[]} */
  const issues = [];
  const add = (code, message, path = '') => issues.push({ code, message, path });
  const requireLocales = opts.requireLocales ?? ['vi-VN'];

  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    add('xml-malformed', `${valid.err.msg} (line ${valid.err.line}, col ${valid.err.col})`);
    return { ok: false, issues, functionNames: [], urls: [] };
  }

  // Placeholders are replaced before parsing, as the build does; unknown ones are errors.
  const text = xml.replace(PLACEHOLDER_RE, (m, name) => {
    if (opts.placeholders && Object.prototype.hasOwnProperty.call(opts.placeholders, name)) return opts.placeholders[name];
    add('placeholder-unresolved', `placeholder ${m} has no value`);
    return m;
  });

  const parsed = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    commentPropName: '#comment',
  }).parse(text);
  const root = toTree(parsed, '').find((n) => n.name === 'OfficeApp');
  if (!root) {
    add('root', 'root element must be <OfficeApp>');
    return { ok: false, issues, functionNames: [], urls: [] };
  }
  if (root.attrs['xsi:type'] !== 'MailApp') add('root', 'OfficeApp xsi:type must be "MailApp"', root.path);

  // --- top-level identity
  const id = child(root, 'Id');
  if (!id || !GUID_RE.test(id.text)) add('id', '<Id> must be a GUID', '/OfficeApp/Id');
  const version = child(root, 'Version');
  if (!version || !VERSION_RE.test(version.text)) {
    add('version', `<Version> "${version ? version.text : ''}" must be 1–4 dot-separated numbers (e.g. 1.0.0.0)`, '/OfficeApp/Version');
  }
  for (const name of ['ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'Permissions']) {
    if (!child(root, name)) add('missing', `<${name}> is required`, `/OfficeApp/${name}`);
  }
  const defaultLocale = child(root, 'DefaultLocale');
  if (defaultLocale && !LOCALE_RE.test(defaultLocale.text)) add('locale', `DefaultLocale "${defaultLocale.text}" is not a locale`, defaultLocale.path);
  const perm = child(root, 'Permissions');
  if (perm && !['Restricted', 'ReadItem', 'ReadWriteItem', 'ReadWriteMailbox'].includes(perm.text)) {
    add('permissions', `unknown permission "${perm.text}"`, perm.path);
  }

  // --- every requirement-set version
  for (const n of walk(root)) {
    for (const attr of ['MinVersion', 'DefaultMinVersion']) {
      if (!(attr in n.attrs)) continue;
      const v = n.attrs[attr];
      if (!REQ_VERSION_RE.test(v)) {
        add('version', `${attr}="${v}" must look like 1.12`, n.path);
        continue;
      }
      const [maj, min] = v.split('.').map(Number);
      if (maj !== MAX_MAILBOX[0] || min > MAX_MAILBOX[1] || min < 1) {
        add('version', `${attr}="${v}" is not a Mailbox requirement set this add-in supports (1.1–1.${MAX_MAILBOX[1]})`, n.path);
      }
    }
    for (const attr of ['Locale']) {
      if (attr in n.attrs && !LOCALE_RE.test(n.attrs[attr])) add('locale', `Locale="${n.attrs[attr]}" is not a locale`, n.path);
    }
  }

  // --- URLs: https only, parseable, no leftovers
  /** @type {string[]} */
  const urls = [];
  const urlNodes = [];
  for (const n of walk(root)) {
    const isUrlElement = ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'bt:Url', 'bt:Image'].includes(n.name) ||
      (n.name === 'SourceLocation' && 'DefaultValue' in n.attrs);
    if (isUrlElement) {
      if ('DefaultValue' in n.attrs) urlNodes.push([n, n.attrs.DefaultValue]);
      for (const o of n.children.filter((c) => c.name === 'Override' || c.name === 'bt:Override')) {
        if ('Value' in o.attrs) urlNodes.push([o, o.attrs.Value]);
      }
    }
    if (n.name === 'AppDomain') urlNodes.push([n, n.text]);
  }
  for (const [n, value] of urlNodes) {
    urls.push(value);
    if (PLACEHOLDER_RE.test(value)) {
      PLACEHOLDER_RE.lastIndex = 0;
      continue; // already reported
    }
    let u;
    try {
      u = new URL(value);
    } catch {
      add('url', `"${value}" is not an absolute URL`, n.path);
      continue;
    }
    if (u.protocol !== 'https:') add('url-https', `"${value}" must use https:// (Outlook refuses other schemes)`, n.path);
    if (value.length > 2048) add('url', 'URL longer than 2048 characters', n.path);
  }

  // --- localisation of top-level strings
  for (const name of ['DisplayName', 'Description']) {
    const n = child(root, name);
    if (n) checkOverrides(n, 'Override', requireLocales, add);
  }

  // --- VersionOverrides: resources, resids, events
  const functionNames = [];
  const vos = walk(root).filter((n) => n.name === 'VersionOverrides');
  if (!vos.length) add('missing', 'no <VersionOverrides>', root.path);
  for (const vo of vos) {
    const type = vo.attrs['xsi:type'];
    if (!['VersionOverridesV1_0', 'VersionOverridesV1_1'].includes(type)) add('version-overrides', `unknown xsi:type "${type}"`, vo.path);
    const own = ownScope(vo);
    const resources = vo.children.find((n) => n.name === 'Resources');
    /** @type {Record<string, Map<string, XNode>>} */
    const tables = {};
    for (const t of ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']) tables[t] = new Map();
    if (!resources) add('missing', '<Resources> missing', vo.path);
    else {
      for (const tbl of resources.children) {
        if (!(tbl.name in tables)) continue;
        for (const entry of tbl.children) {
          const rid = entry.attrs.id;
          if (!rid) add('resid', `${entry.name} without id`, entry.path);
          else if (tables[tbl.name].has(rid)) add('resid-duplicate', `resource id "${rid}" defined twice in ${tbl.name}`, entry.path);
          else tables[tbl.name].set(rid, entry);
          if (rid && rid.length > 32) add('resid', `resource id "${rid}" is longer than 32 characters`, entry.path);
          if (tbl.name === 'bt:ShortStrings' || tbl.name === 'bt:LongStrings') {
            checkOverrides(entry, 'bt:Override', requireLocales, add);
            const max = tbl.name === 'bt:ShortStrings' ? 125 : 250;
            for (const v of [entry.attrs.DefaultValue, ...entry.children.map((c) => c.attrs.Value)]) {
              if (v && v.length > max) add('string-length', `"${rid}" is longer than ${max} characters`, entry.path);
            }
          }
        }
      }
    }
    // Every resid inside this VersionOverrides (not inside a nested one) must resolve here:
    // a nested VersionOverridesV1_1 does not inherit its parent's resources.
    for (const n of own) {
      if (!('resid' in n.attrs)) continue;
      const rid = n.attrs.resid;
      const tableName = RESID_TABLE[n.name];
      const inAny = Object.values(tables).some((m) => m.has(rid));
      if (!inAny) add('resid-unresolved', `resid "${rid}" on <${n.name}> is not defined in this VersionOverrides' <Resources>`, n.path);
      else if (tableName && !tables[tableName].has(rid)) add('resid-kind', `resid "${rid}" on <${n.name}> must be in ${tableName}`, n.path);
    }

    // Control ids unique within the block.
    const seen = new Set();
    for (const n of own) {
      if ((n.name === 'Control' || n.name === 'Group') && n.attrs.id) {
        if (seen.has(n.attrs.id)) add('id-duplicate', `id "${n.attrs.id}" used twice`, n.path);
        seen.add(n.attrs.id);
      }
    }

    const launch = own.filter((n) => n.name === 'LaunchEvent');
    if (launch.length && type !== 'VersionOverridesV1_1') add('launch-event', 'LaunchEvent is only valid in VersionOverridesV1_1', vo.path);
    const runtimes = own.filter((n) => n.name === 'Runtime');
    if (launch.length && !runtimes.length) add('runtime', 'LaunchEvents need a <Runtime>', vo.path);
    for (const rt of runtimes) {
      const js = rt.children.find((c) => c.name === 'Override' && c.attrs.type === 'javascript');
      if (!js) add('runtime', 'the <Runtime> needs an <Override type="javascript"> for classic Outlook on Windows', rt.path);
    }
    const sendCount = {};
    for (const ev of launch) {
      const evType = ev.attrs.Type;
      const fn = ev.attrs.FunctionName;
      if (!LAUNCH_EVENT_TYPES.includes(evType)) add('launch-event', `unknown LaunchEvent Type "${evType}"`, ev.path);
      if (!fn) add('launch-event', `LaunchEvent ${evType} has no FunctionName`, ev.path);
      else {
        functionNames.push(fn);
        if (opts.associatedFunctions && !opts.associatedFunctions.includes(fn)) {
          add('function-unassociated', `FunctionName "${fn}" (${evType}) is not passed to Office.actions.associate by the handler bundle`, ev.path);
        }
      }
      if ('SendMode' in ev.attrs) {
        if (!SEND_EVENTS.includes(evType)) add('send-mode', `SendMode is only valid on ${SEND_EVENTS.join('/')}`, ev.path);
        if (!SEND_MODES.includes(ev.attrs.SendMode)) add('send-mode', `SendMode "${ev.attrs.SendMode}" must be one of ${SEND_MODES.join(', ')}`, ev.path);
      }
      if (SEND_EVENTS.includes(evType)) {
        sendCount[evType] = (sendCount[evType] || 0) + 1;
        if (sendCount[evType] > 1) add('launch-event', `only one ${evType} may be declared`, ev.path);
      }
    }
    const lePoints = own.filter((n) => n.name === 'ExtensionPoint' && n.attrs['xsi:type'] === 'LaunchEvent');
    for (const ep of lePoints) {
      const src = ep.children.find((c) => c.name === 'SourceLocation');
      if (!src || !runtimes.some((r) => r.attrs.resid === src.attrs.resid)) {
        add('runtime', 'the LaunchEvent extension point must name the <Runtime> resid in its <SourceLocation>', ep.path);
      }
    }
  }

  return { ok: issues.length === 0, issues, functionNames, urls };
}

function checkOverrides(node, overrideName, locales, add) {
  for (const loc of locales) {
    if (!node.children.some((c) => c.name === overrideName && c.attrs.Locale === loc)) {
      add('locale-missing', `${node.name}${node.attrs.id ? ' "' + node.attrs.id + '"' : ''} has no ${overrideName} for ${loc}`, node.path);
    }
  }
}

/** @returns {XNode[]} */
function toTree(list, parentPath) {
  const out = [];
  const counts = {};
  for (const entry of list) {
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '#comment') continue;
    counts[name] = (counts[name] || 0) + 1;
    const path = `${parentPath}/${name}[${counts[name]}]`;
    const kids = Array.isArray(entry[name]) ? entry[name] : [];
    const text = kids.filter((k) => '#text' in k).map((k) => String(k['#text'])).join('').trim();
    out.push({ name, attrs: entry[':@'] || {}, children: toTree(kids, path), text, path });
  }
  return out;
}

function child(node, name) {
  return node.children.find((c) => c.name === name);
}

/** @returns {XNode[]} all descendants, depth first, including node itself */
function walk(node) {
  const out = [node];
  for (const c of node.children) out.push(...walk(c));
  return out;
}

/** Descendants of a VersionOverrides that are not inside a nested VersionOverrides. */
function ownScope(vo) {
  const out = [];
  const visit = (n) => {
    for (const c of n.children) {
      if (c.name === 'VersionOverrides') continue;
      out.push(c);
      visit(c);
    }
  };
  visit(vo);
  return out;
}
