// `npm ci`, the first step of set-up and of CI, refuses a lockfile that lacks an optional dependency of a
// package it lists. postman-cli names one binary package per platform; the registry this project is built
// against serves only linux-x64's, so `npm install` records that one alone, and the others must be listed by
// hand (optional and platform-bound, so npm never fetches them here). This test keeps them listed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

type Entry = { version?: string; optional?: boolean; dev?: boolean; optionalDependencies?: Record<string, string>; os?: string[]; cpu?: string[] };
const lock = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry> };

describe('package-lock.json', () => {
  const withOptionals = Object.entries(lock.packages).filter(([, e]) => e.optionalDependencies && e.dev);
  test.each(withOptionals.map(([path, e]) => [path, e] as const))('%s: every optional dependency has an entry npm ci accepts', (path, e) => {
    const base = path.slice(0, path.lastIndexOf('node_modules/'));
    const missing = Object.entries(e.optionalDependencies!).filter(([name]) => !lock.packages[`${base}node_modules/${name}`] && !lock.packages[`${path}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`]);
    expect(missing).toEqual([]);
  });
});
