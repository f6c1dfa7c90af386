/**
 * Offline manifest check: the real manifest passes, and the checker catches each kind of
 * breakage in a deliberately broken copy (a checker that never fails proves nothing).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkManifest } from '../../outlook-addin/manifest/check.mjs';
import { HANDLER_FUNCTION_NAMES, COMPOSE_PANE_COMMAND_ID, INFOBAR_ICON_RESID } from '../../outlook-addin/common/constants';
// @ts-expect-error -- plain ESM build script without type declarations
import { normaliseBaseUrl } from '../../scripts/build-addin.mjs';
import { buildForTest, type BuiltAddin } from './build';

const SOURCE = readFileSync(resolve(import.meta.dirname, '../../manifest.xml'), 'utf8');
const DEFAULT = { ADDIN_BASE_URL: 'https://localhost:3000' };

let built: BuiltAddin;
beforeAll(async () => {
  built = await buildForTest({ baseUrl: 'https://congvu.example.gov.vn/addin/' });
}, 60_000);

const codes = (xml: string, opts: Parameters<typeof checkManifest>[1] = {}) =>
  checkManifest(xml, { placeholders: DEFAULT, associatedFunctions: built.associated, ...opts }).issues.map((i) => i.code);

/** Replaces exactly one occurrence, so a test cannot pass because its edit silently missed. */
function breakOnce(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, 'g')) || []).length;
  if (count < 1) throw new Error(`test edit not found: ${from}`);
  return xml.replace(from, to);
}

describe('manifest.xml', () => {
  it('passes the offline check with every FunctionName associated by the built bundle', () => {
    expect(built.associated.sort()).toEqual([...HANDLER_FUNCTION_NAMES].sort());
    const r = checkManifest(SOURCE, { placeholders: DEFAULT, associatedFunctions: built.associated });
    expect(r.issues).toEqual([]);
    expect(r.functionNames.sort()).toEqual([...HANDLER_FUNCTION_NAMES].sort());
  });

  it('declares what issue #4 asks for', () => {
    expect(SOURCE).toMatch(/xsi:type="VersionOverridesV1_0"[\s\S]*xsi:type="VersionOverridesV1_1"/);
    expect(SOURCE).toMatch(/<bt:Sets DefaultMinVersion="1\.12">/);
    expect(SOURCE).toMatch(/<Override type="javascript" resid="RuntimeJs\.Url"\/>/);
    for (const t of ['OnNewMessageCompose', 'OnMessageRecipientsChanged', 'OnMessageAttachmentsChanged', 'OnMessageFromChanged']) {
      expect(SOURCE).toContain(`Type="${t}"`);
    }
    expect(SOURCE).toMatch(/Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="SoftBlock"/);
    expect(SOURCE).toContain('MessageComposeCommandSurface');
    expect(SOURCE).toContain('MessageReadCommandSurface');
    expect(SOURCE).toContain('<SupportsSharedFolders>true</SupportsSharedFolders>');
    expect(SOURCE).toContain('<DefaultLocale>en-US</DefaultLocale>');
    expect(SOURCE).toContain('Override Locale="vi-VN"');
    // ids the code relies on
    expect(SOURCE).toContain(`id="${COMPOSE_PANE_COMMAND_ID}"`);
    expect(SOURCE).toContain(`id="${INFOBAR_ICON_RESID}"`);
  });

  it('the built copy has the base URL filled in and passes without placeholders', () => {
    const xml = readFileSync(join(built.outDir, 'manifest.xml'), 'utf8');
    expect(xml).not.toContain('{{');
    expect(xml).toContain('https://congvu.example.gov.vn/addin/handlers.js');
    expect(checkManifest(xml, { associatedFunctions: built.associated }).issues).toEqual([]);
    const allowed = JSON.parse(readFileSync(join(built.outDir, '.well-known/microsoft-officeaddins-allowed.json'), 'utf8'));
    expect(allowed.allowed).toEqual(['https://congvu.example.gov.vn/addin/handlers.js']);
  });

  it('the build refuses a non-https base URL', () => {
    expect(() => normaliseBaseUrl('http://addin.example.gov.vn')).toThrow(/https/);
    expect(normaliseBaseUrl('https://a.example/x/')).toBe('https://a.example/x');
  });
});

describe('the checker catches broken manifests', () => {
  it('malformed XML', () => {
    expect(codes(breakOnce(SOURCE, '</DisplayName>', '</DisplayNam>'))).toEqual(['xml-malformed']);
    expect(codes(SOURCE.slice(0, SOURCE.length - 20))).toEqual(['xml-malformed']);
  });

  it('an unresolved resid (also: a nested V1_1 does not see V1_0 resources)', () => {
    expect(codes(breakOnce(SOURCE, '<bt:Image size="80" resid="Icon.80"/>', '<bt:Image size="80" resid="Icon.800"/>'))).toContain('resid-unresolved');
    const withoutRuntimeUrl = breakOnce(SOURCE, /\s*<bt:Url id="RuntimeJs\.Url"[^>]*\/>/, '');
    expect(codes(withoutRuntimeUrl)).toContain('resid-unresolved');
    expect(codes(breakOnce(SOURCE, '<Label resid="Group.Label"/>', '<Label resid="Icon.16"/>'))).toContain('resid-kind');
  });

  it('a FunctionName the bundle does not associate', () => {
    const xml = breakOnce(SOURCE, 'FunctionName="onMessageSendHandler"', 'FunctionName="onMessageSendHandlr"');
    expect(codes(xml)).toEqual(['function-unassociated']);
    // …and the other way round: the bundle lost a name
    expect(codes(SOURCE, { associatedFunctions: built.associated.filter((n) => n !== 'onMessageFromChangedHandler') })).toEqual(['function-unassociated']);
  });

  it('an invalid SendMode, or SendMode on an event that is not a send', () => {
    expect(codes(breakOnce(SOURCE, 'SendMode="SoftBlock"', 'SendMode="Softblock"'))).toEqual(['send-mode']);
    expect(codes(breakOnce(SOURCE, 'FunctionName="onMessageFromChangedHandler"/>', 'FunctionName="onMessageFromChangedHandler" SendMode="Block"/>'))).toEqual(['send-mode']);
  });

  it('a non-https URL', () => {
    expect(codes(SOURCE, { placeholders: { ADDIN_BASE_URL: 'http://localhost:3000' } })).toContain('url-https');
    expect(codes(breakOnce(SOURCE, '<SupportUrl DefaultValue="{{ADDIN_BASE_URL}}/taskpane.html"/>', '<SupportUrl DefaultValue="ftp://x.example/"/>'))).toEqual(['url-https']);
    expect(codes(breakOnce(SOURCE, '<SupportUrl DefaultValue="{{ADDIN_BASE_URL}}/taskpane.html"/>', '<SupportUrl DefaultValue="taskpane.html"/>'))).toEqual(['url']);
  });

  it('a bad version string', () => {
    expect(codes(breakOnce(SOURCE, '<Version>0.1.0.0</Version>', '<Version>0.1.0.0.1</Version>'))).toEqual(['version']);
    expect(codes(breakOnce(SOURCE, '<Version>0.1.0.0</Version>', '<Version>v1</Version>'))).toEqual(['version']);
    expect(codes(breakOnce(SOURCE, '<bt:Sets DefaultMinVersion="1.12">', '<bt:Sets DefaultMinVersion="1.12.0">'))).toEqual(['version']);
    expect(codes(breakOnce(SOURCE, '<bt:Sets DefaultMinVersion="1.12">', '<bt:Sets DefaultMinVersion="2.1">'))).toEqual(['version']);
  });

  it('other mistakes: missing English string, unknown placeholder, no JavaScript runtime override, unknown event, bad Id', () => {
    expect(codes(breakOnce(SOURCE, /\s*<Override Locale="vi-VN" Value="Kiểm tra thư công vụ"\/>/, ''))).toEqual(['locale-missing']);
    expect(codes(SOURCE, { placeholders: {} })).toContain('placeholder-unresolved');
    expect(codes(breakOnce(SOURCE, /\s*<Override type="javascript" resid="RuntimeJs\.Url"\/>/, ''))).toEqual(['runtime']);
    expect(codes(breakOnce(SOURCE, 'Type="OnMessageFromChanged"', 'Type="OnMessageFromChange"'))).toEqual(['launch-event']);
    expect(codes(breakOnce(SOURCE, '<Id>6f1d2c9e-3a4b-4e71-9c58-2b7d0e4a8f13</Id>', '<Id>congvu-guard</Id>'))).toEqual(['id']);
  });
});
