// Applies wasm-opt's renaming of the viewer's imports and exports to wasm-bindgen's JS glue.
//
// wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and every closure shim after
// its whole Rust type; each name is in the wasm and in the glue, and gzip cannot shrink the
// hashes. `wasm-opt --minify-imports-and-exports-and-modules` (as Emscripten uses it) gives
// them one- or two-letter names, puts every import in one module named "a", and prints the
// map as JSON; this script makes the glue use the new names. 5 KB less gzip.
//
// Usage: node web/build/minify-names.mjs <map.json> <glue.js>
import { readFileSync, writeFileSync } from "node:fs";

const [mapFile, glueFile] = process.argv.slice(2);
const map = JSON.parse(readFileSync(mapFile, "utf8"));
let glue = readFileSync(glueFile, "utf8");

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Replaces the whole token `from` (a property name or a string literal) and counts it.
function rename(from, to) {
  const token = new RegExp(`(?<![\\w$])${escaped(from)}(?![\\w$])`, "g");
  let found = 0;
  glue = glue.replace(token, () => {
    found += 1;
    return to;
  });
  return found;
}

const modules = new Set();
for (const [module, from, to] of map.imports) {
  modules.add(module);
  // Every import is a key of the glue's import object: a miss would fail at instantiation.
  if (rename(from, to) === 0) throw new Error(`import ${from} is not in ${glueFile}`);
}
// The glue reaches the exports through its `wasm` object; one it never calls (`main`,
// wasm-bindgen's abort hooks) is not there at all. Only `wasm.<name>` is renamed: a short
// export name such as `memory` could be a word of the glue's own too.
for (const [from, to] of map.exports) {
  rename(`wasm.${from}`, `wasm.${to}`);
}
const exported = new Set(map.exports.map(([, to]) => to));
for (const [, name] of glue.matchAll(/(?<![\w$])wasm\.([\w$]+)/g)) {
  if (!exported.has(name)) throw new Error(`${glueFile} reads wasm.${name}, not exported`);
}
for (const module of modules) {
  if (rename(JSON.stringify(module), '"a"') !== 1) {
    throw new Error(`the import module ${module} is not named once in ${glueFile}`);
  }
}
writeFileSync(glueFile, glue);
