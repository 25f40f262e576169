// Start-up budget, measured (npm run bench): the task pane's initial JavaScript in a production build (gzip) and the
// first meaningful render of the browser preview in headless Chromium. Prints figures; budgets: 250 KB gzip, 1.5 s.
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
  console.log(`Preview first meaningful render: median ${(times[3] / 1000).toFixed(2)} s, min ${(times[0] / 1000).toFixed(2)} s, max ${(times[6] / 1000).toFixed(2)} s over 7 loads (budget 1.5 s)`);
  await context.close();
  server.close();
} finally {
  rmSync(out, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
