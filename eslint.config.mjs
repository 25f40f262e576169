// Lint: TypeScript's recommended rules, React hooks, and the one-way imports the architecture asks for.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const forbid = (from, patterns, message) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  rules: { "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }] },
});

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-eval": "error",
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    files: ["src/functions/functions.ts", "src/functions/controlTotal.ts", "src/functions/allocation.ts", "src/functions/planAlignment.ts", "src/functions/capital.ts", "src/functions/monitoring.ts"],
    // Excel passes mixed cells; custom-functions-metadata maps only `any` to the "any" parameter type.
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  forbid("src/rules", ["react*", "@fluentui/*", "office-*", "**/workbook/**", "**/taskpane/**", "**/functions/**"], "src/rules is pure: it imports nothing of the project but itself"),
  forbid("src/workbook", ["react*", "@fluentui/*", "**/taskpane/**", "**/functions/**"], "imports point taskpane → workbook → rules"),
  forbid("src/functions", ["react*", "@fluentui/*", "**/workbook/**", "**/taskpane/**"], "functions → rules only"),
  forbid("src/taskpane", ["**/functions/**"], "the task pane reaches functions only through the shared rules module"),
  {
    files: ["*.js", "scripts/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" } },
  },
);
