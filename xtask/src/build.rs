//! The release viewer: `trunk build --release`, then a brotli and a gzip copy of every file
//! a browser fetches, which the proxy serves to browsers that accept them.

use std::path::Path;

use crate::cmd::Cmd;
use crate::{compress, install};

/// Where `cargo xtask build` puts the release viewer: Trunk's own `dist/`.
const DIST: &str = "dist";

/// `cargo xtask build`: the tools, the release viewer in `dist/` precompressed, its sizes.
pub fn run(root: &Path) -> Result<(), String> {
    println!("==> build: tools (wasm32 target, wasm-bindgen-cli, trunk, wasm-opt)");
    install::web_build_tools(root)?;
    println!("==> build: the release viewer in {DIST}/");
    release(root, Path::new(DIST))?;
    println!("==> build: the bundle's sizes");
    crate::bundle::check(root, &root.join(DIST))
}

/// The files worth compressing: text and wasm. Images are compressed already.
const COMPRESSIBLE: [&str; 5] = ["html", "js", "wasm", "css", "json"];

/// Builds the release viewer into `dist` (relative to `root`) and precompresses it.
///
/// Trunk.toml says `offline = true`, so the crates are fetched first.
pub fn release(root: &Path, dist: &Path) -> Result<(), String> {
    let dist_arg = dist.to_string_lossy();
    let trunk = install::trunk_command(root, &["build", "--release", "--dist", &dist_arg])?;
    for cmd in [Cmd::new("cargo").args(["fetch"]), trunk] {
        println!("    {cmd}");
        cmd.run(root)?;
    }
    let written = precompress(&root.join(dist))?;
    println!(
        "    wrote {written} precompressed copies (.br, .gz) in {}",
        dist.display()
    );
    Ok(())
}

/// Writes `NAME.br` and `NAME.gz` beside every compressible file under `dir`; returns how
/// many files it wrote.
pub fn precompress(dir: &Path) -> Result<usize, String> {
    let mut written = 0;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            written += precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (extension, compressed) in [
            ("br", compress::brotli(&bytes)),
            ("gz", compress::gzip(&bytes)),
        ] {
            let mut target = path.clone().into_os_string();
            target.push(".");
            target.push(extension);
            std::fs::write(&target, compressed)
                .map_err(|e| format!("{}: {e}", Path::new(&target).display()))?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressible_files_get_a_brotli_and_a_gzip_copy_that_decompress_to_them() {
        let dir = tempdir("precompress");
        let page = "<!doctype html><p>jobs</p>".repeat(50);
        std::fs::write(dir.join("index.html"), &page).unwrap();
        std::fs::create_dir(dir.join("snippets")).unwrap();
        std::fs::write(dir.join("snippets/inline0.js"), "export const a = 1;").unwrap();
        std::fs::write(dir.join("logo.png"), [0u8, 1, 2]).unwrap();
        assert_eq!(precompress(&dir), Ok(4));
        let gzip = std::fs::read(dir.join("index.html.gz")).unwrap();
        let brotli = std::fs::read(dir.join("index.html.br")).unwrap();
        assert_eq!(compress::gunzip(&gzip), page.as_bytes());
        assert_eq!(compress::unbrotli(&brotli), page.as_bytes());
        assert!(dir.join("snippets/inline0.js.br").exists());
        assert!(!dir.join("logo.png.gz").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempdir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
