//! Reading the version out of a tool's `--version` output.

/// The version in `--version` output of the form `<name> <version>[ anything]`, as printed
/// by `wasm-bindgen`, `wasm-bindgen-test-runner` and `trunk`.
///
/// The name must match whole: `wasm-bindgen-test-runner 0.2.130` is not `wasm-bindgen`.
pub fn named_version<'a>(output: &'a str, name: &str) -> Option<&'a str> {
    let rest = output.lines().next()?.strip_prefix(name)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    rest.split_whitespace().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wasm_bindgen() {
        assert_eq!(
            named_version("wasm-bindgen 0.2.130\n", "wasm-bindgen"),
            Some("0.2.130")
        );
    }

    #[test]
    fn reads_trunk() {
        assert_eq!(named_version("trunk 0.21.14\n", "trunk"), Some("0.21.14"));
    }

    #[test]
    fn ignores_what_follows_the_version() {
        assert_eq!(
            named_version("wasm-bindgen 0.2.92 (2a4a49362)", "wasm-bindgen"),
            Some("0.2.92")
        );
    }

    #[test]
    fn the_name_must_match_whole() {
        assert_eq!(
            named_version("wasm-bindgen-test-runner 0.2.130", "wasm-bindgen"),
            None
        );
        assert_eq!(named_version("trunk\n", "trunk"), None);
        assert_eq!(named_version("", "trunk"), None);
    }
}
