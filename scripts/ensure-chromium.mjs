#!/usr/bin/env node
/**
 * The e2e suite drives Debian's Chromium (Playwright cannot download its own browsers here).
 * Finds it at $CHROMIUM or /usr/bin/chromium; when missing and running as root, installs Debian's
 * `chromium` package with apt-get; otherwise stops with a message saying how to get one.
 *
 * It also wants a font with Chinese glyphs: without one, Chinese text renders as empty boxes, so the
 * Chinese screenshots cannot be reviewed and the checks that text fits its box measure the boxes. When
 * none is installed and it runs as root, it installs Debian's `fonts-wqy-microhei` (1.6 MB); otherwise
 * it says so and goes on.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

/** apt-get install, refreshing the package lists first only when the install fails without them. */
function aptInstall(pkg) {
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: aptEnv });
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: aptEnv });
  }
}

function hasChineseFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false; // no fontconfig: Chromium's own package brings it, so this is a machine without Chromium
  }
}

function ensureChineseFont() {
  if (hasChineseFont()) return;
  if (isRoot && hasApt) {
    console.log("e2e: no font with Chinese glyphs; installing Debian's fonts-wqy-microhei (apt-get, as root)…");
    try {
      aptInstall('fonts-wqy-microhei');
      return;
    } catch {
      // fall through to the warning: the tests still run
    }
  }
  console.warn('e2e: no font with Chinese glyphs: Chinese text will show as boxes in screenshots (apt-get install fonts-wqy-microhei).');
}

const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`e2e: using Chromium at ${found}`);
  ensureChineseFont();
  process.exit(0);
}
if (isRoot && hasApt) {
  console.log("e2e: no Chromium found; installing Debian's chromium package (apt-get, as root)…");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: aptEnv });
  if (existsSync('/usr/bin/chromium')) {
    ensureChineseFont();
    process.exit(0);
  }
  console.error('e2e: apt-get finished but /usr/bin/chromium is still missing.');
  process.exit(1);
}
console.error(
  [
    'e2e: no Chromium browser was found, and this script cannot install one.',
    "  On Debian/Ubuntu, install it as root:   sudo apt-get update && sudo apt-get install -y chromium",
    '  Or point the tests at an existing Chromium or Chrome binary:   CHROMIUM=/path/to/chromium npm test',
  ].join('\n'),
);
process.exit(1);
