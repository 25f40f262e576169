// Screenshots of the built browser preview, for looking at the task pane as a user would: [WIDTH=350] node scripts/preview-shot.mjs [tab] [out-dir]
import { createServer } from "node:https";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { certDir, ensureCertificates } from "./certs.mjs";

const [tab = "Decisions", out = "test-results"] = process.argv.slice(2);
const dist = path.resolve(import.meta.dirname, "../dist");
await ensureCertificates();
const server = createServer(
  { key: readFileSync(path.join(certDir, "localhost.key")), cert: readFileSync(path.join(certDir, "localhost.crt")) },
  async (req, res) => {
    const file = path.join(dist, path.normalize(new URL(req.url ?? "/", "https://localhost").pathname));
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  },
);
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const profile = mkdtempSync(path.join(tmpdir(), "ics-shot-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  ignoreHTTPSErrors: true,
  viewport: { width: Number(process.env.WIDTH ?? 420), height: 900 },
  locale: "en-GB",
});
try {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`https://localhost:${server.address().port}/taskpane.html`);
  await page.getByRole("button", { name: "Set up workbook" }).click();
  await page.getByText(/Created \d+ tables/).waitFor();
  // A tab that does not fit the pane is in the "More" menu.
  if (await page.getByRole("tab", { name: tab, exact: true }).isVisible()) await page.getByRole("tab", { name: tab, exact: true }).click();
  else {
    await page.getByRole("button", { name: /^More panels/ }).click();
    await page.getByRole("menuitem", { name: tab, exact: true }).click();
  }
  await page.waitForTimeout(1500);
  mkdirSync(out, { recursive: true });
  const height = await page.evaluate(() => globalThis.document.body.scrollHeight);
  for (let y = 0, i = 0; y < height; y += 900, i++) {
    await page.evaluate((top) => globalThis.scrollTo(0, top), y);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(out, `${tab.toLowerCase().replace(/\W+/g, "-")}-${i}.png`) });
  }
  console.log(`${Math.ceil(height / 900)} screenshots in ${out}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
}
