export interface ManifestIssue {
  code: string;
  message: string;
  path: string;
}
export interface CheckOptions {
  associatedFunctions?: string[];
  placeholders?: Record<string, string>;
  requireLocales?: string[];
}
export interface CheckResult {
  ok: boolean;
  issues: ManifestIssue[];
  functionNames: string[];
  urls: string[];
}
export declare const LAUNCH_EVENT_TYPES: string[];
export declare const SEND_MODES: string[];
export declare function checkManifest(xml: string, opts?: CheckOptions): CheckResult;
