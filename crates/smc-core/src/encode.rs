//! Percent-encoding as RPC signature v1 defines it.
//!
//! Names and values are encoded as UTF-8; only the RFC 3986 unreserved characters
//! `A-Z a-z 0-9 - _ . ~` stay as they are, everything else becomes `%XY` with uppercase hex.
//! So a space is `%20` (never `+`), `*` is `%2A` and `~` stays `~`: the three places where
//! form encoding and Java's `URLEncoder` differ and where hand-written signers go wrong.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What RPC signing escapes: everything but RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - _ . ~`), including each byte of a multi-byte character.
const RPC_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes `input` for a canonicalized query or a string-to-sign.
pub fn percent_encode(input: &str) -> String {
    utf8_percent_encode(input, RPC_ESCAPED).to_string()
}

/// Appends the percent-encoding of `input` to `out`.
pub(crate) fn percent_encode_into(out: &mut String, input: &str) {
    out.extend(utf8_percent_encode(input, RPC_ESCAPED));
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
    fn every_escaped_byte_is_uppercase_hex() {
        for byte in 0..=127u8 {
            let text = char::from(byte).to_string();
            let expected = if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                text.clone()
            } else {
                format!("%{byte:02X}")
            };
            assert_eq!(percent_encode(&text), expected);
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
