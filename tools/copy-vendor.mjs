// Copy the browser builds of third-party packages from node_modules into static/vendor/.
//
// Why: the app serves every asset itself (no CDN), and third-party code is never
// committed; set-up runs `npm ci && node tools/copy-vendor.mjs`. Idempotent.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "static", "vendor");

const FILES = [
  ["socket.io-client/dist/socket.io.esm.min.js", "socket.io.esm.min.js"],
  ["socket.io-client/dist/socket.io.esm.min.js.map", "socket.io.esm.min.js.map"],
  ["uplot/dist/uPlot.esm.js", "uPlot.esm.js"],
  ["uplot/dist/uPlot.min.css", "uPlot.min.css"],
  // A math font with an OpenType MATH table, so scripts and primes sit where they belong
  // whatever fonts the machine has (SIL Open Font License 1.1, its text copied beside it).
  ["@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2", "noto-sans-math.woff2"],
  ["@fontsource/noto-sans-math/LICENSE", "noto-sans-math-LICENSE.txt"],
];

if (!existsSync(modules)) {
  console.error(`copy-vendor: ${modules} is missing. Run \`npm ci\` first.`);
  process.exit(1);
}
const missing = FILES.filter(([from]) => !existsSync(join(modules, from)));
if (missing.length > 0) {
  console.error(`copy-vendor: missing in node_modules: ${missing.map(([f]) => f).join(", ")}. ` +
    "Run `npm ci` (package-lock.json pins the versions).");
  process.exit(1);
}
mkdirSync(vendor, { recursive: true });
for (const [from, to] of FILES) {
  copyFileSync(join(modules, from), join(vendor, to));
  console.log(`copy-vendor: static/vendor/${to}`);
}
