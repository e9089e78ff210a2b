#!/usr/bin/env node
/**
 * The export parity test (src/core/export/codegen.test.ts) runs the generated Python script with
 * /usr/bin/python3 and needs scikit-learn and pandas there. When they are missing and this runs as
 * root with apt-get (CI), installs Debian's python3-sklearn and python3-pandas; otherwise says how
 * to get them and exits 0: the test then skips with its message, it does not fail the run.
 * Under CI (CI=true) a failed install exits 1, so that the parity check cannot silently vanish.
 */
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';
const hasModules = () => spawnSync(PYTHON, ['-c', 'import sklearn, pandas'], { stdio: 'ignore' }).status === 0;

if (hasModules()) {
  const version = spawnSync(PYTHON, ['-c', 'import sklearn, pandas; print(sklearn.__version__, pandas.__version__)'], { encoding: 'utf8' });
  console.log(`export tests: using ${PYTHON} with scikit-learn ${version.stdout.trim().replace(' ', ', pandas ')}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log("export tests: installing Debian's python3-sklearn and python3-pandas (apt-get, as root)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'python3-sklearn', 'python3-pandas'], { stdio: 'inherit', env });
  } catch (e) {
    console.error(`export tests: apt-get failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (hasModules()) process.exit(0);
  console.error(`export tests: ${PYTHON} still cannot import sklearn and pandas after apt-get.`);
  process.exit(process.env.CI ? 1 : 0);
}

console.warn(
  [
    `export tests: ${PYTHON} cannot import sklearn and pandas, and this script cannot install them`,
    '  (not root, or no apt-get). The scikit-learn parity test will be SKIPPED. To run it:',
    '    Debian/Ubuntu:   sudo apt-get update && sudo apt-get install -y python3-sklearn python3-pandas',
  ].join('\n'),
);
process.exit(0);
