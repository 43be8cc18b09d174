//! Percent-encoding as RPC signature v1 defines it.
//!
//! Names and values are encoded as UTF-8; only the RFC 3986 unreserved characters
//! `A-Z a-z 0-9 - _ . ~` stay as they are, everything else becomes `%XY` with uppercase hex.
//! So a space is `%20` (never `+`), `*` is `%2A` and `~` stays `~`: the three places where
//! form encoding and Java's `URLEncoder` differ and where hand-written signers go wrong.

use percent_encoding::percent_decode_str;

/// Which bytes RPC signing leaves as they are: RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - _ . ~`). Every other byte, including each byte of a multi-byte
/// character, is escaped.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        byte += 1;
    }
    table
};

/// `%00%01…%FF`: the escape of byte `b` is `ESCAPES[3 * b..3 * b + 3]`.
const ESCAPES: &str = concat!(
    "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F",
    "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2D%2E%2F%30%31%32%33%34%35%36%37%38%39%3A%3B%3C%3D%3E%3F",
    "%40%41%42%43%44%45%46%47%48%49%4A%4B%4C%4D%4E%4F%50%51%52%53%54%55%56%57%58%59%5A%5B%5C%5D%5E%5F",
    "%60%61%62%63%64%65%66%67%68%69%6A%6B%6C%6D%6E%6F%70%71%72%73%74%75%76%77%78%79%7A%7B%7C%7D%7E%7F",
    "%80%81%82%83%84%85%86%87%88%89%8A%8B%8C%8D%8E%8F%90%91%92%93%94%95%96%97%98%99%9A%9B%9C%9D%9E%9F",
    "%A0%A1%A2%A3%A4%A5%A6%A7%A8%A9%AA%AB%AC%AD%AE%AF%B0%B1%B2%B3%B4%B5%B6%B7%B8%B9%BA%BB%BC%BD%BE%BF",
    "%C0%C1%C2%C3%C4%C5%C6%C7%C8%C9%CA%CB%CC%CD%CE%CF%D0%D1%D2%D3%D4%D5%D6%D7%D8%D9%DA%DB%DC%DD%DE%DF",
    "%E0%E1%E2%E3%E4%E5%E6%E7%E8%E9%EA%EB%EC%ED%EE%EF%F0%F1%F2%F3%F4%F5%F6%F7%F8%F9%FA%FB%FC%FD%FE%FF",
);

/// Percent-encodes `input` for a canonicalized query or a string-to-sign.
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 2);
    percent_encode_into(&mut out, input);
    out
}

/// Appends the percent-encoding of `input` to `out`.
///
/// Signing encodes every parameter twice (once into the canonicalized query, once more
/// into the string-to-sign), so this copies runs of unreserved bytes at once instead of
/// going byte by byte: it is most of the cost of signing.
pub(crate) fn percent_encode_into(out: &mut String, input: &str) {
    let bytes = input.as_bytes();
    let mut run_start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if UNRESERVED[usize::from(byte)] {
            continue;
        }
        // A non-empty run holds only ASCII, so both of its ends are character boundaries.
        if run_start < index {
            out.push_str(&input[run_start..index]);
        }
        let at = 3 * usize::from(byte);
        out.push_str(&ESCAPES[at..at + 3]);
        run_start = index + 1;
    }
    if run_start < bytes.len() {
        out.push_str(&input[run_start..]);
    }
}

/// Appends `percent_encode(input)` to `once` and `percent_encode(percent_encode(input))`
/// to `twice` in a single pass.
///
/// Encoding twice maps an unreserved byte to itself and any other byte `b` to `%25XY`
/// (the `%` of `%XY` is escaped, its hex digits are not): so the canonicalized query and
/// the string-to-sign can be written together without scanning the query a second time.
pub(crate) fn percent_encode_once_and_twice_into(
    once: &mut String,
    twice: &mut String,
    input: &str,
) {
    let bytes = input.as_bytes();
    let mut run_start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if UNRESERVED[usize::from(byte)] {
            continue;
        }
        if run_start < index {
            once.push_str(&input[run_start..index]);
            twice.push_str(&input[run_start..index]);
        }
        let at = 3 * usize::from(byte);
        once.push_str(&ESCAPES[at..at + 3]);
        twice.push_str("%25");
        twice.push_str(&ESCAPES[at + 1..at + 3]);
        run_start = index + 1;
    }
    if run_start < bytes.len() {
        once.push_str(&input[run_start..]);
        twice.push_str(&input[run_start..]);
    }
}

/// Decodes one `application/x-www-form-urlencoded` component: `+` is a space and `%XY`
/// escapes are bytes. Returns `None` when the bytes are not UTF-8.
///
/// Servers decode query strings this way, so a client that sends a literal `+` must send
/// it as `%2B`: the official SDKs do.
pub fn form_decode(input: &str) -> Option<String> {
    let spaced = input.replace('+', " ");
    percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|text| text.into_owned())
}

/// Splits an `application/x-www-form-urlencoded` string (a query string or a form body)
/// into decoded `(name, value)` pairs, in order, keeping duplicates.
///
/// A pair without `=` has an empty value. Returns the offending pair when it is not UTF-8.
pub fn parse_form(input: &str) -> Result<Vec<(String, String)>, String> {
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match (form_decode(name), form_decode(value)) {
                (Some(name), Some(value)) => Ok((name, value)),
                _ => Err(pair.to_owned()),
            }
        })
        .collect()
}

/// Joins `(name, value)` pairs into a query string, each side percent-encoded with the
/// RPC rules (which are also safe for any URL query).
pub fn to_query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut out = String::new();
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        percent_encode_into(&mut out, name.as_ref());
        out.push('=');
        percent_encode_into(&mut out, value.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_percent_encode_fact() {
        assert_eq!(
            percent_encode("123abc!@#$%^&*()-=_+ ~|\\/"),
            "123abc%21%40%23%24%25%5E%26%2A%28%29-%3D_%2B%20~%7C%5C%2F"
        );
    }

    #[test]
    fn every_byte_escapes_to_its_uppercase_hex() {
        for byte in 0..=255u8 {
            let at = 3 * usize::from(byte);
            assert_eq!(&ESCAPES[at..at + 3], format!("%{byte:02X}"));
        }
    }

    #[test]
    fn encoding_once_and_twice_in_one_pass_matches_two_passes() {
        for input in ["", "plain", "a b*~%", "迁移/+=&", "2026-11-28T12:00:00Z"] {
            let (mut once, mut twice) = (String::from("x"), String::from("y"));
            percent_encode_once_and_twice_into(&mut once, &mut twice, input);
            assert_eq!(once, format!("x{}", percent_encode(input)));
            assert_eq!(
                twice,
                format!("y{}", percent_encode(&percent_encode(input)))
            );
        }
    }

    #[test]
    fn space_star_and_tilde() {
        assert_eq!(percent_encode(" "), "%20");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("~"), "~");
    }

    #[test]
    fn utf8_is_encoded_byte_by_byte_in_uppercase_hex() {
        assert_eq!(percent_encode("迁移"), "%E8%BF%81%E7%A7%BB");
    }

    #[test]
    fn form_decoding_treats_plus_as_space_and_2b_as_plus() {
        assert_eq!(form_decode("a+b%2Bc").as_deref(), Some("a b+c"));
        assert_eq!(form_decode("%FF"), None);
    }

    #[test]
    fn parse_form_keeps_order_duplicates_and_empty_values() {
        let pairs = parse_form("B=2&A=1&A=&SignatureType").unwrap();
        assert_eq!(
            pairs,
            [("B", "2"), ("A", "1"), ("A", ""), ("SignatureType", "")]
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn query_string_round_trips_through_form_parsing() {
        let pairs = vec![("Tag.1.Key", "env=prod & co"), ("Name", "a+b 迁移*~")];
        let parsed = parse_form(&to_query_string(&pairs)).unwrap();
        assert_eq!(parsed[0], ("Tag.1.Key".into(), "env=prod & co".into()));
        assert_eq!(parsed[1], ("Name".into(), "a+b 迁移*~".into()));
    }
}
