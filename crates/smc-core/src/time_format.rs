//! The API's time format: ISO 8601 in UTC, `yyyy-MM-ddTHH:mm:ssZ`.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::error::Quoted;

/// Parses an API time. Besides the documented `2019-06-04T13:35:00Z` it accepts what
/// other SMC APIs and SDKs emit: minute precision (`2019-06-04T13:35Z`), fractional
/// seconds and explicit offsets. The result is always in UTC and in whole seconds, the
/// precision of the wire format, so a time read and written again reads the same.
pub fn parse_wire_time(text: &str) -> Result<OffsetDateTime, String> {
    let text = text.trim();
    let parsed = match minute_precision(text) {
        Some(with_seconds) => OffsetDateTime::parse(&with_seconds, &Rfc3339),
        None => OffsetDateTime::parse(text, &Rfc3339),
    };
    let time = parsed.map_err(|_| {
        format!(
            "{} is not an ISO 8601 time like 2019-06-04T13:35:00Z",
            Quoted(text)
        )
    })?;
    // An offset can carry a time past the years the wire format writes (four digits, no
    // sign) or past what `time` holds at all: `9999-12-31T23:00:00-01:00`.
    time.checked_to_offset(UtcOffset::UTC)
        .filter(|utc| (0..=9999).contains(&utc.year()))
        .map(OffsetDateTime::truncate_to_second)
        .ok_or_else(|| format!("{} is outside the years 0000 to 9999 in UTC", Quoted(text)))
}

/// `2019-06-04T13:35Z` becomes `2019-06-04T13:35:00Z`; anything else is left alone.
fn minute_precision(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 17 && bytes[10] == b'T' && bytes[13] == b':' && bytes[16] == b'Z';
    shaped.then(|| format!("{}:00Z", &text[..16]))
}

/// Formats a time the way the API sends it, in UTC with second precision.
///
/// Written digit by digit: every signature carries a `Timestamp`, and `format!` with six
/// padded integers costs as much as the rest of the parameters together.
pub fn format_wire_time(time: OffsetDateTime) -> String {
    let utc = time.to_offset(UtcOffset::UTC);
    // The wire format has no sign; negative years are nonsense for this API anyway.
    let year = u32::try_from(utc.year()).unwrap_or_default();
    let mut out = String::with_capacity(20);
    push_digits(&mut out, year, 4);
    out.push('-');
    push_digits(&mut out, u32::from(u8::from(utc.month())), 2);
    out.push('-');
    push_digits(&mut out, u32::from(utc.day()), 2);
    out.push('T');
    push_digits(&mut out, u32::from(utc.hour()), 2);
    out.push(':');
    push_digits(&mut out, u32::from(utc.minute()), 2);
    out.push(':');
    push_digits(&mut out, u32::from(utc.second()), 2);
    out.push('Z');
    out
}

/// Appends the last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u32, width: u32) {
    for position in (0..width).rev() {
        let digit = (value / 10u32.pow(position)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_form_round_trips() {
        let time = parse_wire_time("2019-06-04T13:35:00Z").unwrap();
        assert_eq!(time.unix_timestamp(), 1_559_655_300);
        assert_eq!(format_wire_time(time), "2019-06-04T13:35:00Z");
    }

    #[test]
    fn minute_precision_fractions_and_offsets_are_normalized_to_utc() {
        assert_eq!(
            format_wire_time(parse_wire_time("2019-06-04T13:35Z").unwrap()),
            "2019-06-04T13:35:00Z"
        );
        assert_eq!(
            format_wire_time(parse_wire_time("2019-06-04T21:35:00.250+08:00").unwrap()),
            "2019-06-04T13:35:00Z"
        );
    }

    #[test]
    fn formatting_pads_every_field() {
        let time = parse_wire_time("0999-01-02T03:04:05Z").unwrap();
        assert_eq!(format_wire_time(time), "0999-01-02T03:04:05Z");
    }

    #[test]
    fn malformed_times_are_rejected_with_the_expected_shape() {
        let message = parse_wire_time("04/06/2019").unwrap_err();
        assert!(message.contains("2019-06-04T13:35:00Z"), "{message}");
        assert!(parse_wire_time("2019-13-04T13:35:00Z").is_err());
    }
}
