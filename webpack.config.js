/* eslint-disable @typescript-eslint/no-require-imports */
// Builds the task pane (the shared runtime page) and the custom functions, and the manifest for dev or production.
const path = require("path");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { NormalModuleReplacementPlugin } = require("webpack");

const urlDev = "https://localhost:3000/";
/** Where production is served from: set ICS_FINANCE_PROD_URL when building for deployment. */
const urlProd = process.env.ICS_FINANCE_PROD_URL || "https://ics-finance.example.org/";
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const certDir = path.resolve(__dirname, ".certs");

/** Office's trusted dev certificates where Excel will load the add-in; otherwise the project's own (.certs/, npm run certs). */
async function httpsOptions() {
  if (process.env.ICS_FINANCE_CERTS === "office") return require("office-addin-dev-certs").getHttpsServerOptions();
  const key = path.join(certDir, "localhost.key");
  const cert = path.join(certDir, "localhost.crt");
  const ca = path.join(certDir, "ca.crt");
  if (!fs.existsSync(key)) {
    throw new Error("No development certificate: run `npm run certs` (npm start does it for you).");
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ca: fs.readFileSync(ca) };
}

/**
 * The pages may load only their own files (and office.js from Office's CDN in production) and talk to no one:
 * no telemetry, no outside connections. Fluent UI writes its styles at run time, hence 'unsafe-inline' for styles only.
 */
function contentSecurityPolicy(dev) {
  const office = dev ? "" : " https://appsforoffice.microsoft.com";
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the page compile the HiGHS solver's WebAssembly; it does not allow eval of JavaScript.
    `script-src 'self' 'wasm-unsafe-eval'${office}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

module.exports = async (env, options) => {
  const dev = options.mode !== "production";
  const serving = process.env.WEBPACK_SERVE === "true";
  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/index.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The HiGHS build imports Node's modules on its Node path only; in the browser they are never loaded.
      fallback: { module: false, fs: false, path: false, url: false, crypto: false },
    },
    module: {
      rules: [
        // A development build only transpiles: `npm test` type-checks the whole project once (tsc --noEmit, beside
        // ESLint) rather than twice. The production build type-checks as it compiles, unless the test of its output
        // asks it not to (ICS_FINANCE_TRANSPILE_ONLY=1: that test is about the manifest and the page, not the types).
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true, transpileOnly: dev || process.env.ICS_FINANCE_TRANSPILE_ONLY === "1" } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    // One runtime for both entries: the task pane and the functions share one rules module and one rulebook in force.
    optimization: { runtimeChunk: "single", splitChunks: { chunks: "all" } },
    performance: { hints: false },
    plugins: [
      // "node:module" and friends → "module", which the fallback above leaves out of the browser bundle.
      new NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: ["./src/functions/functions.ts", "./src/functions/controlTotal.ts", "./src/functions/allocation.ts", "./src/functions/monitoring.ts", "./src/functions/planAlignment.ts", "./src/functions/capital.ts"] }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "taskpane", "functions"],
        templateParameters: { officeJs: dev ? "office/office.js" : officeJsCdn, contentSecurityPolicy: contentSecurityPolicy(dev) },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd)),
          },
          // Development and the browser preview use office.js from the npm package: no network needed.
          // office.js loads the host's script (excel-win32-16.01.js, ...) and its strings from beside itself.
          ...(dev
            ? [
                "office.js",
                "o15apptofilemappingtable.js",
                "custom-functions-runtime.js",
                "excel-*-16.*.js",
                "en-{us,gb}/office_strings.js",
              ].map((pattern) => ({
                from: pattern,
                context: "node_modules/@microsoft/office-js/dist",
                to: "office/[path][name][ext]",
                globOptions: { ignore: ["**/*.debug.js"] },
              }))
            : []),
        ],
      }),
    ],
    devServer: serving
      ? {
          static: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          // Loopback only: the preview serves no one but this machine.
          host: "localhost",
          server: { type: "https", options: await httpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
          client: { overlay: { warnings: false, errors: true } },
          open: false,
        }
      : undefined,
  };
};
