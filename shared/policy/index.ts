export * from './schema';
export * from './sources';
export * from './resolve';
export { PRESETS, PUBLIC_PROVIDER_DOMAINS, DEFAULT_WORKING_HOURS } from './presets';
export { compileLinear, parseSlashPattern } from './patterns';
