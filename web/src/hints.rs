//! Plain-language hints for a job's `ErrorCode`, so a person knows what to do next.

use crate::i18n::Texts;

/// What to check or do about a job that failed with `error_code` (and `status_info`), in
/// the language of `texts`.
pub fn error_hint(error_code: &str, status_info: &str, texts: &Texts) -> &'static str {
    let text = format!("{error_code} {status_info}").to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| text.contains(word));
    if has(&[
        "forbidden",
        "unauthorized",
        "permission",
        "ram",
        "accessdenied",
    ]) {
        texts.hint_permission
    } else if has(&[
        "network",
        "connect",
        "timeout",
        "unreachable",
        "disconnect",
        "heartbeat",
    ]) {
        texts.hint_network
    } else if has(&["quota", "limit", "exceed"]) {
        texts.hint_quota
    } else if has(&["disk", "space", "volume", "partition"]) {
        texts.hint_disk
    } else if has(&["balance", "arrear", "payment", "insufficient"]) {
        texts.hint_balance
    } else if has(&["image", "snapshot"]) {
        texts.hint_image
    } else if has(&["internal", "unknown", "system"]) {
        texts.hint_internal
    } else {
        texts.hint_other
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::{EN_US, ZH_CN};

    #[test]
    fn hints_follow_the_kind_of_error() {
        let hint = |code, info| error_hint(code, info, &EN_US);
        assert!(hint("Forbidden.RAM", "").contains("RAM role"));
        assert!(hint("SourceServerDisconnected", "heartbeat lost").contains("SMC client"));
        assert!(hint("ImageQuotaExceeded", "").contains("quota"));
        assert!(hint("InternalError", "").contains("ticket"));
        assert!(hint("Whatever", "").contains("status information"));
    }

    #[test]
    fn hints_speak_the_language_of_the_catalogue() {
        assert_eq!(
            error_hint("Forbidden.RAM", "", &ZH_CN),
            ZH_CN.hint_permission
        );
        assert_eq!(error_hint("Whatever", "", &ZH_CN), ZH_CN.hint_other);
    }
}
