/**
 * The dashboard page in headless Chromium (Debian's `chromium` package, driven by playwright-core):
 * it loads, updates while a computation runs on 2 worker threads, and a screenshot is taken.
 * Skipped, saying so, where /usr/bin/chromium is not installed (scripts/setup-jupyter.sh installs it).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import * as dd from "@dusk/dataframe";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard browser test skipped: ${CHROMIUM} is missing (apt-get install chromium, or run scripts/setup-jupyter.sh as root)`);

interface PageGlobals { document: { querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null } }

describe("dashboard in a browser", () => {
  it.skipIf(!hasChromium)("loads, updates during a computation, and is captured as a screenshot", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const dir = mkdtempSync(join(tmpdir(), "dusk-dashboard-"));
    const client = await dd.Client.start({ workers: 2, dashboard: { port: 0 } });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    try {
      const { url } = await client.dashboard();
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForSelector('#status[data-state="live"]');
      await page.waitForSelector('.wk[data-worker="1"]');

      const slow = dd.delayed(function slow(i: number) {
        const until = Date.now() + 40;
        while (Date.now() < until) { /* busy */ }
        return new Float64Array(20_000).fill(i);
      });
      const sum = dd.delayed(function sum(parts: Float64Array[]) { return parts.reduce((a, p) => a + p[0], 0); });
      const running = sum(Array.from({ length: 16 }, (_, i) => slow(i))).compute();
      // during the computation: some but not all tasks done
      await page.waitForFunction(() => {
        // runs in the page (this file's types have no DOM)
        const p = (globalThis as unknown as PageGlobals).document.querySelector("#progress");
        const done = Number(p?.getAttribute("data-done")), total = Number(p?.getAttribute("data-total"));
        return total === 17 && done > 0 && done < total;
      });
      expect(await running).toBe(120);
      await page.waitForSelector('#progress[data-done="17"][data-total="17"]');
      await page.waitForSelector('[data-group="slow"][data-done="16"][data-total="16"]');
      expect(Number(await page.getAttribute("#stream", "data-tasks"))).toBeGreaterThan(0);
      expect(await page.locator("#stream rect[fill^='hsl']").count()).toBe(17);
      expect(await page.textContent("#t-done")).toBe("17");
      // the results were released: the page shows the workers' memory emptied (re-sent without an engine event)
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector("#t-keys")?.textContent === "0");
      expect(errors).toEqual([]);

      const shot = join(dir, "dashboard.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      expect(readFileSync(shot).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (process.env.DUSK_KEEP_SCREENSHOT) console.warn(`dashboard screenshot: ${shot}`);
    } finally {
      await browser.close();
      await client.close();
      if (!process.env.DUSK_KEEP_SCREENSHOT) rmSync(dir, { recursive: true, force: true });
    }
  });
});
