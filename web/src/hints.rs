//! Plain-language hints for a job's `ErrorCode`, so a person knows what to do next.

/// What to check or do about a job that failed with `error_code` (and `status_info`).
pub fn error_hint(error_code: &str, status_info: &str) -> &'static str {
    let text = format!("{error_code} {status_info}").to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| text.contains(word));
    if has(&[
        "forbidden",
        "unauthorized",
        "permission",
        "ram",
        "accessdenied",
    ]) {
        "SMC lacks a permission: check that the AliyunSMCDefaultRole RAM role exists and has its policies, then retry."
    } else if has(&[
        "network",
        "connect",
        "timeout",
        "unreachable",
        "disconnect",
        "heartbeat",
    ]) {
        "The source server or the intermediate instance could not be reached: check that the SMC client is running, the network and security group allow ports 8080 and 8703, then retry."
    } else if has(&["quota", "limit", "exceed"]) {
        "An account quota was reached (images, instances or snapshots): raise it or free resources, then retry."
    } else if has(&["disk", "space", "volume", "partition"]) {
        "A disk problem on the source or target: check free space and that the target disks are at least as large as the source partitions."
    } else if has(&["balance", "arrear", "payment", "insufficient"]) {
        "The account cannot pay for the intermediate resources: top up the balance, then retry."
    } else if has(&["image", "snapshot"]) {
        "Creating the image or snapshot failed: check image quotas and that the region supports the image type, then retry."
    } else if has(&["internal", "unknown", "system"]) {
        "An error inside SMC: retry the job; if it fails again, open a ticket with the JobId and the request ID."
    } else {
        "Read the status information for the cause, fix it, and retry the job from the SMC console."
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn hints_follow_the_kind_of_error() {
        assert!(error_hint("Forbidden.RAM", "").contains("RAM role"));
        assert!(error_hint("SourceServerDisconnected", "heartbeat lost").contains("SMC client"));
        assert!(error_hint("ImageQuotaExceeded", "").contains("quota"));
        assert!(error_hint("InternalError", "").contains("ticket"));
        assert!(error_hint("Whatever", "").contains("status information"));
    }
}
