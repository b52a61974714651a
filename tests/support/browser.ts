import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; the browser tests use it rather than a downloaded build. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots of browser tests, kept as test artefacts (git-ignored). */
export const ARTIFACTS_DIR = path.resolve('tests', 'artifacts');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a new, empty profile, and nothing that reaches beyond loopback (no sync, updates or
 * background requests). A missing Chromium fails the test with the command that installs it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; install it with: sudo apt-get install -y chromium (Debian/Ubuntu)`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'soc-agent-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where a screenshot of this test run goes: `tests/artifacts/<folder>/<name>.png`. */
export function screenshotPath(folder: string, name: string): string {
  const dir = path.join(ARTIFACTS_DIR, folder);
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
