// The browser test harness: the built add-in served over HTTPS from dist/, and Debian's Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
// @ts-expect-error: a plain .mjs script shared with npm start
import { certDir, ensureCertificates } from "../../scripts/certs.mjs";

const dist = path.resolve(__dirname, "../../dist");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
  ".wasm": "application/wasm",
};

export interface Served {
  origin: string;
  close: () => Promise<void>;
}

/** Serves dist/ on a free loopback port, as the dev server would, over HTTPS with the project's own certificate. */
export async function serveDist(): Promise<Served> {
  await (ensureCertificates as () => Promise<boolean>)();
  const [key, cert] = await Promise.all([readFile(path.join(certDir as string, "localhost.key")), readFile(path.join(certDir as string, "localhost.crt"))]);
  const server: Server = createServer({ key, cert }, async (req, res) => {
    const url = new URL(req.url ?? "/", "https://localhost");
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ""));
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no port");
  return {
    origin: `https://localhost:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium with a fresh profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), "ics-finance-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreHTTPSErrors: true,
    viewport: { width: 420, height: 900 },
    locale: "en-GB",
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's accessibility violations on the page as it stands, one line each (rule, help, how many nodes, where). */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays as it is.
  await page.evaluate(source);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Result> } }).axe;
    // Tabster's focus sentinels (Fluent's keyboard navigation: hidden <i tabindex=0> that pass focus on) are left out; everything else is checked.
    const result = await axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
  });
}

/**
 * Opens a panel by its tab's name, as a user would at any width: the tab in the row if it shows, or else "More" and
 * the panel's entry in that menu (the tabs that do not fit a narrow pane are there). Resolves once the tab is chosen.
 */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  if (await tab.isVisible()) await tab.click();
  else {
    await page.getByRole("button", { name: /^More panels/ }).click();
    await page.getByRole("menuitem", { name, exact: true }).click();
  }
  await page.getByRole("tab", { name, exact: true, selected: true }).waitFor();
}

/** Every panel's tab name in order, those in the row and those in "More" alike. */
export async function tabNames(page: Page): Promise<string[]> {
  // A Fluent tab holds its label twice (the second, hidden, keeps the width of the bold selected label): the first counts.
  return page
    .getByRole("tablist", { name: "Capabilities" })
    .getByRole("tab", { includeHidden: true })
    .evaluateAll((tabs) => tabs.map((tab) => tab.querySelector(".fui-Tab__content")?.textContent ?? ""));
}

/** Where the browser tests leave their screenshots and files. */
export const ARTIFACTS = path.resolve(__dirname, "../../test-results");

export interface BrowserSuite {
  served: Served;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
}

/**
 * A fresh page of the preview at `width` px (900 high), the errors thrown on it collected, and (unless `setUp` is
 * false) the sample workbook set up: where most browser tests begin. The caller closes the page.
 */
export async function openPane(suite: BrowserSuite, width: number, options: { setUp?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await suite.browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${suite.served.origin}/taskpane.html`);
  if (options.setUp !== false) {
    await page.getByRole("button", { name: "Set up workbook" }).click();
    await page.getByText(/^Created \d+ tables with the sample data\./).waitFor();
  }
  return { page, errors };
}

/**
 * The built preview served and one Chromium for a test file: started before its tests, closed after them. Read the
 * fields inside tests (they are set once the file's tests begin).
 */
export function browserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    suite.served = await serveDist();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.served?.close();
  });
  return suite;
}
