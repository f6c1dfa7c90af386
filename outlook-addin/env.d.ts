/** Replaced by esbuild `define` in scripts/build-addin.mjs: the hosting origin + path, no trailing slash. */
declare const __ADDIN_BASE_URL__: string;
/** Build id shown in the task pane footer (date + git short hash when available). */
declare const __ADDIN_BUILD__: string;
