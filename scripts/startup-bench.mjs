// Start-up budget, measured (npm run bench): the task pane's initial JavaScript in a production build (gzip) and the
// first meaningful render of the browser preview in headless Chromium, and switching between panels once the sample
// workbook is set up. Prints figures; budgets: 250 KB gzip, first render 0.5 s, switching panels 100 ms.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { certDir, ensureCertificates } from "./certs.mjs";

const root = path.resolve(import.meta.dirname, "..");
const out = mkdtempSync(path.join(tmpdir(), "ics-startup-"));
const profile = mkdtempSync(path.join(tmpdir(), "ics-startup-profile-"));
try {
  execFileSync("npx", ["webpack", "--mode", "production", "--output-path", out], { cwd: root, stdio: "ignore" });
  const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)"?/g)].map((m) => m[1]).filter((s) => !s.startsWith("http"));
  const sizes = scripts.map((s) => ({ script: s, gzip: gzipSync(readFileSync(path.join(out, s)), { level: 9 }).length }));
  const total = sizes.reduce((a, s) => a + s.gzip, 0);
  console.log(`Task pane initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip over ${sizes.length} scripts (budget 250 KB)`);
  for (const s of sizes) console.log(`  ${s.script.padEnd(28)} ${(s.gzip / 1024).toFixed(1)} KB`);

  await ensureCertificates();
  const server = createServer({ key: readFileSync(path.join(certDir, "localhost.key")), cert: readFileSync(path.join(certDir, "localhost.crt")) }, async (req, res) => {
    try {
      const file = path.join(out, path.normalize(new URL(req.url ?? "/", "https://localhost").pathname));
      const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : file.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
      res.writeHead(200, { "content-type": type }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://localhost:${server.address().port}`;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    ignoreHTTPSErrors: true,
    viewport: { width: 420, height: 900 },
  });
  // The production page loads office.js from Microsoft's CDN; offline, the bench serves the package's own copies in its place.
  const officeDist = path.join(root, "node_modules/@microsoft/office-js/dist");
  await context.route("https://appsforoffice.microsoft.com/**", async (route) => {
    const name = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
    try {
      await route.fulfill({ body: await readFile(path.join(officeDist, path.normalize(name))), contentType: "text/javascript" });
    } catch {
      await route.fulfill({ status: 404, body: "" });
    }
  });
  const times = [];
  for (let run = 0; run < 7; run++) {
    const page = await context.newPage();
    await page.goto(`${origin}/taskpane.html`, { waitUntil: "commit" });
    // First meaningful render: the header and the home view's capabilities are on screen.
    await page.getByRole("button", { name: "Open Capital" }).waitFor();
    times.push(await page.evaluate(() => globalThis.performance.now()));
    await page.close();
  }
  times.sort((a, b) => a - b);
  console.log(`Preview first meaningful render: median ${(times[3] / 1000).toFixed(2)} s, min ${(times[0] / 1000).toFixed(2)} s, max ${(times[6] / 1000).toFixed(2)} s over 7 loads (budget 0.5 s)`);

  // Switching panels: from the click on a tab to the frame after its panel's heading is in the page, each tab in turn
  // three times round (the first visit loads a lazy panel's code; later visits are what a person does all day).
  const page = await context.newPage();
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("button", { name: "Set up workbook" }).click();
  await page.getByText(/Created \d+ tables/).waitFor();
  const tabs = await page.getByRole("tab").allInnerTexts();
  const switches = { first: [], later: [] };
  for (let round = 0; round < 3; round++) {
    for (const tab of tabs) {
      const ms = await page.evaluate(async (name) => {
        const doc = globalThis.document;
        const button = [...doc.querySelectorAll('[role="tab"]')].find((t) => t.innerText.trim() === name);
        const heading = () => doc.querySelector('[role="tabpanel"]')?.querySelector("h2, h3");
        const before = heading()?.textContent;
        if (button.getAttribute("aria-selected") === "true") return null;
        const start = globalThis.performance.now();
        button.click();
        const frame = () => new Promise((resolve) => globalThis.requestAnimationFrame(resolve));
        for (;;) {
          await frame();
          // The new panel's heading (each panel has its own) is in the page.
          const now = heading();
          if (button.getAttribute("aria-selected") === "true" && now && now.textContent !== before) break;
        }
        await frame();
        return globalThis.performance.now() - start;
      }, tab);
      if (ms !== null) (round === 0 ? switches.first : switches.later).push({ tab, ms });
      await page.waitForTimeout(300);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const later = switches.later.map((s) => s.ms);
  console.log(`Switching panels: median ${median(later).toFixed(0)} ms, max ${Math.max(...later).toFixed(0)} ms over ${later.length} switches (budget 100 ms): ${switches.later.map((s) => `${s.tab} ${s.ms.toFixed(0)}`).join(", ")}; first visits ${switches.first.map((s) => `${s.tab} ${s.ms.toFixed(0)}`).join(", ")} ms`);
  await page.close();
  await context.close();
  server.close();
} finally {
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
