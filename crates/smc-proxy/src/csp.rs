//! The Content-Security-Policy of the web app's HTML: the wasm app and nothing more.
//!
//! Scripts come from the proxy's origin, plus each inline `<script>` of the page by its
//! SHA-256 hash (Trunk injects an inline module that loads the wasm); `'wasm-unsafe-eval'`
//! lets that module compile WebAssembly without allowing JavaScript `eval`. Styles, fetches
//! (the API and the `.wasm`) and images come from the origin only; nothing may frame the
//! page, change its base URL or post forms elsewhere.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The policy for an HTML document, allowing its own inline scripts.
pub fn policy_for(html: &str) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in inline_script_hashes(html) {
        script_src.push(' ');
        script_src.push_str(&hash);
    }
    format!(
        "default-src 'none'; script-src {script_src}; style-src 'self'; connect-src 'self'; \
         img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// `'sha256-…'` for the content of each `<script>` without a `src` attribute, in order.
/// The hash covers the exact text between `>` and `</script`, as browsers hash it.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    // ASCII lower-casing keeps every byte offset, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let tag_start = from + found;
        let after_name = tag_start + "<script".len();
        // `<scripts>` or `<script-x>` is another element.
        if !lower[after_name..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            from = after_name;
            continue;
        }
        let Some(tag_end) = end_of_tag(&lower, after_name) else {
            break;
        };
        let attributes = &lower[after_name..tag_end];
        let content_start = tag_end + 1;
        let Some(close) = lower[content_start..].find("</script") else {
            break;
        };
        let content_end = content_start + close;
        if !has_attribute(attributes, "src") {
            let digest = Sha256::digest(&html.as_bytes()[content_start..content_end]);
            hashes.push(format!("'sha256-{}'", BASE64.encode(digest)));
        }
        from = content_end;
    }
    hashes
}

/// The `>` closing a start tag, skipping quoted attribute values.
fn end_of_tag(lower: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (offset, byte) in lower.as_bytes()[from..].iter().enumerate() {
        match (quote, byte) {
            (Some(q), b) if *b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*byte),
            (None, b'>') => return Some(from + offset),
            (None, _) => {}
        }
    }
    None
}

/// Whether a start tag's attribute text has `name` as an attribute (not inside a value).
fn has_attribute(attributes: &str, name: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut names = Vec::new();
    let mut in_value = false;
    for c in attributes.chars() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
                in_value = false;
            }
            continue;
        }
        match c {
            '"' | '\'' if in_value => quote = Some(c),
            '=' => {
                names.push(std::mem::take(&mut word));
                in_value = true;
            }
            c if c.is_ascii_whitespace() || c == '/' => {
                if !word.is_empty() && !in_value {
                    names.push(std::mem::take(&mut word));
                }
                word.clear();
                in_value = false;
            }
            c => {
                if !in_value {
                    word.push(c);
                }
            }
        }
    }
    if !word.is_empty() && !in_value {
        names.push(word);
    }
    names.iter().any(|n| n.trim() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(text: &str) -> String {
        format!(
            "'sha256-{}'",
            BASE64.encode(Sha256::digest(text.as_bytes()))
        )
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html =
            "<html><head>\n<script type=\"module\">\nimport init from '/app.js';\n</script>\n\
                    <SCRIPT src=\"/x.js\"></SCRIPT><script data-note='src=x'>a()</script>\
                    <scripts>not a script</scripts></head></html>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes, [sha("\nimport init from '/app.js';\n"), sha("a()")]);
    }

    #[test]
    fn the_policy_allows_the_wasm_app_and_nothing_more() {
        let policy = policy_for("<script>boot()</script>");
        assert!(
            policy.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
        );
        for part in [
            "style-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(part), "{part} missing from {policy}");
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for html in [
            "<script",
            "<script type='x",
            "<script>never closed",
            "<script>",
        ] {
            assert!(inline_script_hashes(html).is_empty(), "{html}");
        }
    }

    #[test]
    fn trunks_loader_in_the_built_index_is_hashed() {
        let html = "<head>\n<script type=\"module\">\nimport init, * as bindings from '/smc-viewer.js';\n\
                    const wasm = await init({ module_or_path: '/smc-viewer_bg.wasm' });\n</script>\n\
                    <link rel=\"modulepreload\" href=\"/smc-viewer.js\"></head>";
        assert_eq!(inline_script_hashes(html).len(), 1);
    }
}
