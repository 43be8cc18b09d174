//! npm packages the tests use, installed into the git-ignored `.tools/` folder beside
//! binaryen: axe-core, the accessibility engine the browser tests inject into the page.

use std::path::Path;

use super::ensure;
use crate::cmd::Cmd;

/// axe-core's version.
pub const AXE_CORE: (&str, &str) = ("axe-core", "4.11.1");

/// Installs the npm package `(name, version)` into `.tools/` unless its `package.json`
/// already says that version.
pub fn npm_package(root: &Path, (name, version): (&str, &str)) -> Result<(), String> {
    let manifest = super::node_modules(root).join(name).join("package.json");
    let probe = || {
        let text = std::fs::read_to_string(&manifest).ok()?;
        package_version(&text).map(str::to_owned)
    };
    let package = format!("{name}@{version}");
    let install = Cmd::new("npm").args(["install", "--prefix", ".tools", &package]);
    ensure(root, name, version, probe, &[install])
}

/// The top-level `"version"` of a package.json (the first one: npm writes it before any
/// nested object that could have its own).
fn package_version(manifest: &str) -> Option<&str> {
    let after_key = &manifest[manifest.find("\"version\"")? + "\"version\"".len()..];
    let value = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = value.strip_prefix('"')?;
    Some(&value[..value.find('"')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_version() {
        let manifest =
            "{\n  \"name\": \"axe-core\",\n  \"version\": \"4.11.1\",\n  \"deps\": {}\n}";
        assert_eq!(package_version(manifest), Some("4.11.1"));
        assert_eq!(package_version("{}"), None);
        assert_eq!(package_version("{\"version\": 4}"), None);
    }
}
