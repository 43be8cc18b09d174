//! The API's time format: ISO 8601 in UTC, `yyyy-MM-ddTHH:mm:ssZ`.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Parses an API time. Besides the documented `2019-06-04T13:35:00Z` it accepts what
/// other SMC APIs and SDKs emit: RFC 3339 with fractional seconds, explicit offsets, `t`,
/// `z` or a space as separators, and minute precision (`2019-06-04T13:35Z`,
/// `2019-06-04T21:35+08:00`). The result is
/// always in UTC and in whole seconds, the precision of the wire format, so a time read and
/// written again reads the same.
pub fn parse_wire_time(text: &str) -> Result<OffsetDateTime, String> {
    let text = text.trim();
    let invalid = || format!("{text:?} is not an ISO 8601 time like 2019-06-04T13:35:00Z");
    // RFC 3339 lets any character separate date and time; ISO 8601 and the API use `T`.
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return Err(invalid());
    }
    let time = OffsetDateTime::parse(&with_seconds(text), &Rfc3339).map_err(|_| invalid())?;
    // An offset can carry a time past the years the wire format writes (four digits, no
    // sign) or past what `time` holds at all: `9999-12-31T23:00:00-01:00`.
    time.checked_to_offset(UtcOffset::UTC)
        .filter(|utc| (0..=9999).contains(&utc.year()))
        .map(|utc| utc.replace_nanosecond(0).unwrap_or(utc))
        .ok_or_else(|| format!("{text:?} is outside the years 0000 to 9999 in UTC"))
}

/// `2019-06-04T13:35Z` as `2019-06-04T13:35:00Z` (and `13:35+08:00` as `13:35:00+08:00`),
/// which RFC 3339 reads; any other text as it is.
fn with_seconds(text: &str) -> std::borrow::Cow<'_, str> {
    let is_zone =
        |zone: &str| matches!(zone, "Z" | "z") || (zone.len() == 6 && zone.starts_with(['+', '-']));
    match text.split_at_checked(16) {
        Some((minutes, zone)) if is_zone(zone) => format!("{minutes}:00{zone}").into(),
        _ => text.into(),
    }
}

/// Formats a time the way the API sends it, in UTC with second precision.
pub fn format_wire_time(time: OffsetDateTime) -> String {
    let utc = time.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
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
    fn every_accepted_shape_reads_as_the_same_instant() {
        for text in [
            "2019-06-04T13:35:00Z",
            "2019-06-04t13:35:00z",
            "2019-06-04 13:35:00Z",
            "2019-06-04T13:35Z",
            "2019-06-04T21:35+08:00",
            "2019-06-04T13:35:00.999999999999Z",
            "2019-06-04T21:35:00+08:00",
            "2019-06-04T08:35:00-05:00",
            " 2019-06-04T13:35:00Z\n",
        ] {
            let time = parse_wire_time(text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(format_wire_time(time), "2019-06-04T13:35:00Z", "{text:?}");
        }
        assert_eq!(
            parse_wire_time("2024-02-29T00:00:00Z").map(format_wire_time),
            Ok("2024-02-29T00:00:00Z".to_owned())
        );
    }

    #[test]
    fn near_misses_are_rejected() {
        for text in [
            "2019-06-04T13:35:00",
            "2019-06-04T13:35",
            "2019-06-04T13:35+0800",
            "2019-06-04T13:3+08:00",
            "2019-06-04T13:35:00.Z",
            "2019-06-04T13:35:00+24:00",
            "2019-06-04T13:35:00+08:60",
            "2019-06-04T13:35:00+0800",
            "2019-06-04T24:00:00Z",
            "2019-06-04T13:60:00Z",
            "2019-06-04T13:35:60Z",
            "2023-02-29T00:00:00Z",
            "2019-6-04T13:35:00Z",
            "2019-06-04X13:35:00Z",
            "2019-06-04T13:35:00Zjunk",
            "+2019-06-04T13:35:00Z",
            "２０１９-06-04T13:35:00Z",
            "",
        ] {
            assert!(parse_wire_time(text).is_err(), "{text:?} read");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]

            // Every RFC 3339 date-time with seconds, valid or not, reads as `time`'s own
            // parser reads it, in UTC and whole seconds (leap seconds aside).
            #[test]
            fn rfc_3339_reads_as_the_time_crate_reads_it(
                year in 0u32..10_000, month in 0u32..14, day in 0u32..33,
                hour in 0u32..25, minute in 0u32..61, second in 0u32..60,
                fraction in proptest::option::of("[0-9]{1,12}"),
                zone in prop_oneof![Just("Z".to_owned()), (prop_oneof![Just('+'), Just('-')], 0u32..25, 0u32..61).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}"))],
            ) {
                let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
                let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{zone}");
                let expected = OffsetDateTime::parse(&text, &Rfc3339)
                    .ok()
                    .and_then(|t| t.checked_to_offset(UtcOffset::UTC))
                    .filter(|t| (0..=9999).contains(&t.year()))
                    .map(|t| t.replace_nanosecond(0).unwrap());
                prop_assert_eq!(parse_wire_time(&text).ok(), expected, "{}", text);
            }
        }
    }

    #[test]
    fn malformed_times_are_rejected_with_the_expected_shape() {
        let message = parse_wire_time("04/06/2019").unwrap_err();
        assert!(message.contains("2019-06-04T13:35:00Z"), "{message}");
        assert!(parse_wire_time("2019-13-04T13:35:00Z").is_err());
    }
}
