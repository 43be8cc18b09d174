//! The web bundle's size budget: what a browser downloads to show the viewer (wasm + js +
//! css), gzip and brotli. Size is deterministic, so unlike speed it can fail CI.
//!
//! The budget is a ratchet kept in [`BUDGET_FILE`]: CI fails when the gzip size is more than
//! [`TOLERANCE_PERCENT`] over it. Lower the file when the bundle shrinks; raise it only with
//! a commit that says why.

use std::path::Path;

use crate::compress;

/// The files of a release build that make up the bundle.
pub const BUNDLE_FILES: [&str; 3] = ["smc-viewer_bg.wasm", "smc-viewer.js", "style.css"];

/// Where the budget is kept, relative to the workspace root.
pub const BUDGET_FILE: &str = "web/bundle-budget.toml";

/// How far over the budget a build may be before CI fails, in percent.
pub const TOLERANCE_PERCENT: u64 = 2;

/// The sizes of one file of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// Prints each file's raw, gzip and brotli size, and fails when the gzip total is more than
/// [`TOLERANCE_PERCENT`] over the budget in `root`'s [`BUDGET_FILE`].
pub fn check(root: &Path, dist: &Path) -> Result<(), String> {
    let budget_path = root.join(BUDGET_FILE);
    let budget_text = std::fs::read_to_string(&budget_path)
        .map_err(|e| format!("{}: {e}", budget_path.display()))?;
    let budget = read_budget(&budget_text).map_err(|e| format!("{BUDGET_FILE}: {e}"))?;
    let mut total = Sizes::default();
    for name in BUNDLE_FILES {
        let path = dist.join(name);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let sizes = Sizes {
            raw: bytes.len() as u64,
            gzip: compress::gzip(&bytes).len() as u64,
            brotli: compress::brotli(&bytes).len() as u64,
        };
        println!(
            "    {name:<20} {:>9} bytes, {:>7} gzip, {:>7} brotli",
            sizes.raw, sizes.gzip, sizes.brotli
        );
        total += sizes;
    }
    println!(
        "    total {} bytes: {} gzip ({:.1} KB), {} brotli ({:.1} KB)",
        total.raw,
        total.gzip,
        total.gzip as f64 / 1000.0,
        total.brotli,
        total.brotli as f64 / 1000.0
    );
    let verdict = verdict(total.gzip, budget);
    println!("    {}", verdict.message);
    if verdict.over {
        Err(verdict.message)
    } else {
        Ok(())
    }
}

/// What the gzip total says against the budget.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    over: bool,
    message: String,
}

fn verdict(gzip: u64, budget: u64) -> Verdict {
    let limit = budget + budget * TOLERANCE_PERCENT / 100;
    if gzip > limit {
        return Verdict {
            over: true,
            message: format!(
                "the bundle is {gzip} bytes gzip, more than {TOLERANCE_PERCENT} % over its \
                 budget of {budget} ({BUDGET_FILE}): shrink it, or raise the budget in a \
                 commit that says why"
            ),
        };
    }
    let message = if gzip + gzip * TOLERANCE_PERCENT / 100 < budget {
        format!(
            "within budget ({budget} bytes gzip), and more than {TOLERANCE_PERCENT} % under \
             it: lower {BUDGET_FILE} to {gzip}"
        )
    } else {
        format!("within budget ({budget} bytes gzip, {TOLERANCE_PERCENT} % tolerance)")
    };
    Verdict {
        over: false,
        message,
    }
}

/// The `gzip = N` line of the budget file (`#` starts a comment).
fn read_budget(text: &str) -> Result<u64, String> {
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(value) = line.strip_prefix("gzip").map(str::trim_start) {
            let value = value
                .strip_prefix('=')
                .ok_or("expected `gzip = BYTES`")?
                .trim()
                .replace('_', "");
            return value
                .parse()
                .map_err(|_| format!("gzip = {value:?} is not a number of bytes"));
        }
    }
    Err("no `gzip = BYTES` line".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_file_of_the_workspace_reads() {
        let text = include_str!("../../web/bundle-budget.toml");
        assert!(read_budget(text).is_ok_and(|bytes| bytes > 0));
        assert_eq!(read_budget("# note\ngzip = 190_000 # KB\n"), Ok(190_000));
        assert!(read_budget("brotli = 3").is_err());
        assert!(read_budget("gzip = lots")
            .unwrap_err()
            .contains("not a number"));
    }

    #[test]
    fn two_percent_over_passes_and_more_fails() {
        assert!(!verdict(102_000, 100_000).over);
        let over = verdict(102_001, 100_000);
        assert!(over.over);
        assert!(
            over.message.contains("more than 2 % over"),
            "{}",
            over.message
        );
        assert!(verdict(97_000, 100_000).message.contains("lower"));
        assert!(!verdict(99_000, 100_000).message.contains("lower"));
    }

    #[test]
    fn a_bundle_over_budget_fails_with_its_sizes() {
        let dir = std::env::temp_dir().join(format!("xtask-bundle-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("web")).unwrap();
        std::fs::write(dir.join(BUDGET_FILE), "gzip = 1000\n").unwrap();
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
        let error = check(&dir, &dir).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(error.contains("over its budget of 1000"), "{error}");
    }
}
