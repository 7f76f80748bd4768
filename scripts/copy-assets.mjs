// Copies the front-end packages from node_modules into Django's static folder, so every
// asset is served by Verbund itself (no CDN, no third-party request from any page).
import { cpSync, mkdirSync, rmSync } from "node:fs";

const target = "src/verbund/static/vendor";
const files = {
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
  "bootstrap/dist/css/bootstrap.min.css.map": "bootstrap/bootstrap.min.css.map",
  "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
  "bootstrap/dist/js/bootstrap.bundle.min.js.map": "bootstrap/bootstrap.bundle.min.js.map",
  "bootstrap-icons/font/bootstrap-icons.min.css": "bootstrap-icons/bootstrap-icons.min.css",
  "bootstrap-icons/font/fonts": "bootstrap-icons/fonts",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  "d3/dist/d3.min.js": "d3/d3.min.js",
  "d3/LICENSE": "d3/LICENSE",
};
rmSync(target, { recursive: true, force: true });
for (const [source, dest] of Object.entries(files)) {
  mkdirSync(`${target}/${dest}`.split("/").slice(0, -1).join("/"), { recursive: true });
  cpSync(`node_modules/${source}`, `${target}/${dest}`, { recursive: true });
}
console.log(`copied ${Object.keys(files).length} assets to ${target}`);
