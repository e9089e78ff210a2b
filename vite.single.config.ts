/**
 * The single-file build: `npm run build:single` writes dist-single/index.html, one self-contained page
 * (scripts, styles, the engine worker and the sample datasets inlined) that works when opened from disk
 * (file://): a USB stick, an e-mail attachment, a locked-down PC without a web server.
 *
 * It is the normal build (vite.config.ts) with these differences:
 * - `__SINGLE_FILE__` is true, so src/app/samples.ts reads the samples from the bundle instead of fetching them;
 * - no public/ folder and no service worker (a page opened from disk cannot register one);
 * - its own Content-Security-Policy, with the sha256 hashes of the inline script and style, computed
 *   over the final HTML after vite-plugin-singlefile has inlined everything.
 */
import { defineConfig, mergeConfig, type Plugin, type PluginOption, type UserConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { createHash } from 'node:crypto';
import baseConfig from './vite.config.ts';

const { plugins: basePlugins = [], ...base } = baseConfig as UserConfig;

/**
 * The normal build's plugins less vite-plugin-pwa's (no service worker from file://; `virtual:pwa-register`
 * gets the stand-in below) and its CSP <meta> ('self' means nothing for a file's opaque origin: singleFileCsp writes this build's).
 */
const dropped = (p: PluginOption): boolean =>
  !!p && typeof p === 'object' && 'name' in p && (p.name.startsWith('vite-plugin-pwa') || p.name === 'content-security-policy');
const normalPlugins = (plugins: PluginOption[]): PluginOption[] =>
  plugins.map((p) => (Array.isArray(p) ? normalPlugins(p) : dropped(p) ? false : p));

/** Stands in for vite-plugin-pwa's `virtual:pwa-register` (src/app/useUpdate.ts): registers nothing. */
function noServiceWorker(): Plugin {
  const id = '\0single-file:no-service-worker';
  return {
    name: 'single-file:no-service-worker',
    resolveId: (source) => (source === 'virtual:pwa-register' ? id : null),
    load: (source) => (source === id ? 'export function registerSW() { return () => Promise.resolve(); }\n' : null),
  };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The single file's CSP, as a <meta> tag (the only way a file opened from disk can carry one). Runs after
 * vite-plugin-singlefile, hashes every inline <script> and <style> of the final HTML, and replaces the
 * normal build's policy ('self' means nothing for an opaque file:// origin).
 */
function singleFilePolicy(scripts: string[], styles: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    'img-src data: blob:',
    'worker-src blob:',
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function singleFileCsp(): Plugin {
  return {
    name: 'single-file:csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (!html || html.type !== 'asset' || typeof html.source !== 'string') return this.error('single-file:csp: no index.html in the bundle');
        const source = html.source;
        // an inline script cannot hold "</script" (vite-plugin-singlefile escapes it), so this finds each whole script;
        // the rest is looked at outside scripts only (the app's code holds the HTML it exports, as strings)
        const scriptRe = /<script\b[^>]*>([\s\S]*?)<\/script>/g;
        const scripts = [...source.matchAll(scriptRe)].map((m) => sha256(m[1]));
        const markup = source.replace(scriptRe, '');
        const styles = [...markup.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
        const external = markup.match(/<script\b[^>]*\bsrc=|<link\b[^>]*\brel="?(stylesheet|modulepreload|manifest)/);
        if (external) this.error(`single-file:csp: index.html still loads a file (${external[0]}); it would not load from file://`);
        if (!scripts.length) this.error('single-file:csp: no inline script found');
        const meta = `<meta http-equiv="Content-Security-Policy" content="${singleFilePolicy([...new Set(scripts)], [...new Set(styles)])}" />`;
        // the policy goes right after <meta charset>, before any script; only the markup before the first script is
        // touched (an exported page's own <meta> policy is in the code)
        const firstScript = source.search(/<script\b/);
        let head = source.slice(0, firstScript).replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/gi, '');
        if (!/<meta charset="UTF-8"\s*\/?>/i.test(head)) this.error('single-file:csp: no <meta charset> before the script to put the policy after');
        head = head.replace(/<meta charset="UTF-8"\s*\/?>/i, (charset) => `${charset}\n    ${meta}`);
        html.source = head + source.slice(firstScript);
      },
    },
  };
}

export default mergeConfig(
  base,
  defineConfig({
    publicDir: false,
    define: { __SINGLE_FILE__: 'true' },
    build: {
      outDir: 'dist-single',
      emptyOutDir: true,
      modulePreload: false,
      rolldownOptions: {
        // vite-plugin-singlefile checks every <meta> CSP in the HTML, including one inside a JS string (the
        // policy of the HTML that src/app/use/UseModelStep.tsx exports); this page's own is singleFileCsp's
        onLog(level, log, handler) {
          if (level === 'warn' && log.plugin === 'vite:singlefile' && log.message.includes('Content-Security-Policy meta tag')) return;
          handler(level, log);
        },
      },
    },
    plugins: [...normalPlugins(basePlugins as PluginOption[]), noServiceWorker(), viteSingleFile(), singleFileCsp()],
  }),
);
