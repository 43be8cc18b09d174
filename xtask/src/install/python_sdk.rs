//! The official Python SDKs the SDK tests drive against the emulator, pinned, in a venv at
//! `.tools/python-sdk` (git-ignored): the current tea SDK (signature V3 by default, v1 with
//! `signature_algorithm='v2'`) and the older aliyun-python-sdk-core (v1).

use std::path::Path;

use super::ensure;
use crate::cmd::Cmd;

/// The venv, relative to the workspace root.
pub const PYTHON_SDK_VENV: &str = ".tools/python-sdk";

/// The packages and their versions: the SDKs of issue 15's report.
pub const PYTHON_SDK_PACKAGES: [(&str, &str); 4] = [
    ("alibabacloud-smc20190601", "1.1.2"),
    ("alibabacloud-tea-openapi", "0.4.6"),
    ("aliyun-python-sdk-core", "2.16.1"),
    ("aliyun-python-sdk-smc", "1.0.4"),
];

/// Makes the venv with `python3 -m venv` and installs the pinned packages with its pip,
/// unless its `pip freeze` already lists every one at its version.
pub fn python_sdk(root: &Path) -> Result<(), String> {
    let python = root.join(PYTHON_SDK_VENV).join("bin").join("python3");
    let python = python.display().to_string();
    let pins: Vec<String> = PYTHON_SDK_PACKAGES
        .iter()
        .map(|(name, version)| format!("{name}=={version}"))
        .collect();
    let wanted = pins.join(" ");
    let probe = || {
        let freeze = Cmd::new(&python)
            .args(["-m", "pip", "freeze"])
            .stdout(root)?;
        Some(pinned_versions(&freeze))
    };
    let install = [
        Cmd::new("python3").args(["-m", "venv", PYTHON_SDK_VENV]),
        Cmd::new(&python)
            .args(["-m", "pip", "install", "--disable-pip-version-check"])
            .args(pins.iter().cloned()),
    ];
    ensure(root, "python sdk venv", &wanted, probe, &install)
}

/// The `name==version` of each pinned package as `pip freeze` lists it (names compared as
/// pip normalizes them: case and `_` against `-` do not matter), in pin order, joined with
/// spaces; a package it does not list is left out, so the result differs from the pins.
fn pinned_versions(freeze: &str) -> String {
    let normalize = |name: &str| name.trim().to_ascii_lowercase().replace('_', "-");
    PYTHON_SDK_PACKAGES
        .iter()
        .filter_map(|(name, _)| {
            freeze.lines().find_map(|line| {
                let (found, version) = line.split_once("==")?;
                (normalize(found) == *name).then(|| format!("{name}=={}", version.trim()))
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pinned_versions_from_pip_freeze() {
        let freeze = "aiohttp==3.14.5\nalibabacloud_smc20190601==1.1.2\n\
                      Alibabacloud-Tea-OpenAPI==0.4.6\naliyun-python-sdk-core==2.16.1\n\
                      aliyun-python-sdk-smc==1.0.3\n";
        assert_eq!(
            pinned_versions(freeze),
            "alibabacloud-smc20190601==1.1.2 alibabacloud-tea-openapi==0.4.6 \
             aliyun-python-sdk-core==2.16.1 aliyun-python-sdk-smc==1.0.3"
        );
        assert_eq!(pinned_versions("requests==2.0\n"), "");
    }
}
