#!/usr/bin/env node
/**
 * The e2e suite drives Debian's Chromium (Playwright cannot download its own browsers here).
 * Finds it at $CHROMIUM or /usr/bin/chromium; when missing and running as root, installs Debian's
 * `chromium` package with apt-get; otherwise stops with a message saying how to get one.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`e2e: using Chromium at ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log("e2e: no Chromium found; installing Debian's chromium package (apt-get, as root)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync('/usr/bin/chromium')) process.exit(0);
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
