// npm stop: ends sideloading (where Excel is installed) or the browser preview's server.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const pidFile = path.join(root, ".certs", "preview.pid");

if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`Stopped the browser preview (process ${pid}).`);
  } catch {
    console.log("The browser preview was not running.");
  }
  rmSync(pidFile);
} else if (process.platform === "win32" || process.platform === "darwin") {
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  process.exit(spawnSync(npx, ["office-addin-debugging", "stop", "manifest.xml"], { stdio: "inherit", cwd: root }).status ?? 0);
} else {
  console.log("Nothing to stop.");
}
