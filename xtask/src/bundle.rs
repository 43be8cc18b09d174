//! The web bundle's size budget: the gzip size of what a browser downloads to show the
//! viewer (wasm + js + css). Size is deterministic, so unlike speed it can fail CI.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// The files of a release build that make up the bundle.
pub const BUNDLE_FILES: [&str; 3] = ["smc-viewer_bg.wasm", "smc-viewer.js", "style.css"];

/// The most the bundle may weigh, gzip, in bytes: the goal, 150 KB, which the size build
/// (what `cargo xtask test` makes) meets. Whatever grows the bundle past it has to pay for
/// itself elsewhere first.
pub const BUDGET_BYTES: u64 = 150_000;

/// Prints each file's raw and gzip size and fails if the gzip total is over the budget.
pub fn check(dist: &Path) -> Result<(), String> {
    let mut total = 0;
    for name in BUNDLE_FILES {
        let path = dist.join(name);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let compressed = gzip_size(&bytes);
        println!(
            "    {name:<20} {:>9} bytes, {compressed:>7} gzip",
            bytes.len()
        );
        total += compressed;
    }
    println!(
        "    total gzip {total} bytes ({:.1} KB); budget {BUDGET_BYTES} bytes",
        total as f64 / 1000.0
    );
    if total > BUDGET_BYTES {
        return Err(format!(
            "the web bundle is {total} bytes gzip, over its budget of {BUDGET_BYTES}"
        ));
    }
    Ok(())
}

/// The size of `bytes` after `gzip -9`.
fn gzip_size(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map(|out| out.len() as u64)
        .expect("compressing into memory cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitive_bytes_compress_and_the_readme_states_the_budget() {
        assert!(gzip_size(&[b'a'; 10_000]) < 100);
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&format!("{BUDGET_BYTES} bytes")),
            "README.md must state the bundle budget of {BUDGET_BYTES} bytes"
        );
    }

    #[test]
    fn a_bundle_over_budget_fails() {
        let dir = std::env::temp_dir().join(format!("xtask-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Random-looking bytes barely compress: 300 KB of them are over the budget.
        let mut noise = Vec::with_capacity(300_000);
        let mut x: u32 = 0x1234_5678;
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            noise.push(x as u8);
        }
        std::fs::write(dir.join(BUNDLE_FILES[0]), &noise).unwrap();
        std::fs::write(dir.join(BUNDLE_FILES[1]), "js").unwrap();
        std::fs::write(dir.join(BUNDLE_FILES[2]), "css").unwrap();
        let error = check(&dir).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(error.contains("over its budget"), "{error}");
    }
}
