#!/usr/bin/env node
/**
 * Writes SHA256SUMS into a build folder: the SHA-256 of every file in it, one "<hash>  <path>" line each
 * (paths relative to the folder, sorted), the format of GNU coreutils' sha256sum. Hospital IT can then
 * check a copy of the app with `cd dist && sha256sum -c SHA256SUMS`, and compare the file itself with the
 * one published with the release (see DEPLOYING.md). `npm run build` runs it for dist/.
 *
 *   node scripts/checksums.mjs [dir …]      (default: dist)
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const OUTPUT = 'SHA256SUMS';

/** Every regular file under `dir`, as paths relative to `root` with forward slashes. */
function listFiles(root, dir = root) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(root, path));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'));
  }
  return files;
}

function checksums(dir) {
  const root = resolve(dir);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is not a folder: run "npm run build" first.`);
  const files = listFiles(root)
    .filter((f) => f !== OUTPUT)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const f of files) if (/[\\\n\r]/.test(f)) throw new Error(`cannot list a file name with a backslash or a line break: ${JSON.stringify(f)}`);
  const lines = files.map((f) => `${createHash('sha256').update(readFileSync(join(root, f))).digest('hex')}  ${f}\n`);
  writeFileSync(join(root, OUTPUT), lines.join(''));
  return files.length;
}

const dirs = process.argv.slice(2);
for (const dir of dirs.length ? dirs : ['dist']) {
  try {
    const count = checksums(dir);
    console.log(`${dir}/${OUTPUT}: ${count} files`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
