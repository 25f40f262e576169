// npm start: sideloads into Excel where Excel is installed (Windows, macOS, or Excel on the web with `npm start -- web --document URL`);
// elsewhere serves the task pane as a browser preview on the built-in sample data.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ensureCertificates } from "./certs.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const port = process.env.npm_package_config_dev_server_port || "3000";
const args = process.argv.slice(2);
const wantsWeb = args[0] === "web";
const hasExcelDesktop = process.platform === "win32" || process.platform === "darwin";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function run(command, commandArgs, env = {}) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  child.on("exit", (code) => process.exit(code ?? 0));
  return child;
}

if ((hasExcelDesktop || wantsWeb) && process.env.ICS_FINANCE_PREVIEW !== "1") {
  // office-addin-debugging starts `npm run dev-server` and sideloads manifest.xml; certificates are Office's trusted dev certs.
  run(npx, ["office-addin-debugging", "start", "manifest.xml", ...(args.length ? args : ["desktop"])], { ICS_FINANCE_CERTS: "office" });
} else {
  await ensureCertificates();
  // webpack itself (not through npx), so that the pid `npm stop` reads is the server's own.
  const server = run(process.execPath, [path.join(root, "node_modules/webpack-cli/bin/cli.js"), "serve", "--mode", "development"]);
  writeFileSync(path.join(root, ".certs", "preview.pid"), String(server.pid));
  console.log(
    [
      "",
      "No Excel on this machine: serving the browser preview of the task pane.",
      `  Preview:  https://localhost:${port}/taskpane.html`,
      "  It runs on an in-memory workbook; choose Set up workbook for the Mid and South Essex sample data.",
      "  The certificate is local to this project (.certs/): accept it in the browser, or trust .certs/ca.crt.",
      "  Stop with Ctrl+C or `npm stop`.",
      "",
    ].join("\n"),
  );
}
