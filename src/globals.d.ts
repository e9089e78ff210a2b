/** The app's version from package.json, set by Vite's `define` (vite.config.ts). */
declare const __APP_VERSION__: string;
/** True in the single-file build (vite.single.config.ts, opened from file://), false in the normal build. */
declare const __SINGLE_FILE__: boolean;
