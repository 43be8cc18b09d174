//! The API's time format: ISO 8601 in UTC, `yyyy-MM-ddTHH:mm:ssZ`.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::error::Quoted;

/// Parses an API time. Besides the documented `2019-06-04T13:35:00Z` it accepts what
/// other SMC APIs and SDKs emit: minute precision (`2019-06-04T13:35Z`), fractional
/// seconds and explicit offsets. The result is always in UTC and in whole seconds, the
/// precision of the wire format, so a time read and written again reads the same.
pub fn parse_wire_time(text: &str) -> Result<OffsetDateTime, String> {
    let text = text.trim();
    let time = read_iso_8601(text.as_bytes()).ok_or_else(|| {
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

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM`: RFC 3339's date-time (`T` or
/// `t` or a space between date and time, `Z` in either case), whose seconds may be left
/// out when the zone is `Z`. The calendar rules (month lengths, leap years) are `time`'s.
///
/// By hand rather than with `time`'s RFC 3339 parser: its general parsing machinery is
/// 1.1 KB of the gzip bundle, for the one format this API uses.
fn read_iso_8601(text: &[u8]) -> Option<OffsetDateTime> {
    let mut text = Cursor(text);
    let year = text.digits(4)?;
    text.literal(b'-')?;
    let month = Month::try_from(u8::try_from(text.digits(2)?).ok()?).ok()?;
    text.literal(b'-')?;
    let day = text.digits(2)?;
    text.one_of(b"Tt ")?;
    let hour = text.digits(2)?;
    text.literal(b':')?;
    let minute = text.digits(2)?;
    let minute_precision = matches!(text.0, [b'Z' | b'z']);
    let (second, nanosecond) = if minute_precision {
        (0, 0)
    } else {
        text.literal(b':')?;
        let second = text.digits(2)?;
        let nanosecond = if text.literal(b'.').is_some() {
            text.fraction()?
        } else {
            0
        };
        (second, nanosecond)
    };
    let offset = if text.one_of(b"Zz").is_some() {
        UtcOffset::UTC
    } else {
        let sign = if text.one_of(b"+-")? == b'-' { -1 } else { 1 };
        let hours = text.digits(2)?;
        text.literal(b':')?;
        let minutes = text.digits(2)?;
        if hours > 23 {
            return None;
        }
        UtcOffset::from_hms(sign * hours as i8, sign * minutes as i8, 0).ok()?
    };
    if !text.0.is_empty() {
        return None;
    }
    let date = Date::from_calendar_date(year as i32, month, day as u8).ok()?;
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanosecond).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

/// The unread rest of a time's text.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    /// Exactly `count` ASCII digits, as a number.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let digits = self.0.get(..count)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = &self.0[count..];
        Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    }

    fn literal(&mut self, byte: u8) -> Option<()> {
        self.one_of(&[byte]).map(drop)
    }

    fn one_of(&mut self, bytes: &[u8]) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        bytes.contains(&first).then(|| {
            self.0 = rest;
            first
        })
    }

    /// One or more digits of a second's fraction, as nanoseconds (digits past the ninth
    /// are dropped).
    fn fraction(&mut self) -> Option<u32> {
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let nanos = (0..9).fold(0, |n, index| {
            n * 10
                + self
                    .0
                    .get(index)
                    .filter(|_| index < count)
                    .map_or(0, |d| u32::from(d - b'0'))
        });
        self.0 = &self.0[count..];
        Some(nanos)
    }
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
    fn every_accepted_shape_reads_as_the_same_instant() {
        for text in [
            "2019-06-04T13:35:00Z",
            "2019-06-04t13:35:00z",
            "2019-06-04 13:35:00Z",
            "2019-06-04T13:35Z",
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
            "2019-06-04T13:35+08:00",
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
        use time::format_description::well_known::Rfc3339;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]

            // Every RFC 3339 date-time with seconds reads as `time`'s own parser reads it,
            // valid or not (leap seconds aside: second 60 is refused here).
            #[test]
            fn rfc_3339_reads_as_the_time_crate_reads_it(
                year in 0u32..10_000, month in 0u32..14, day in 0u32..33,
                hour in 0u32..25, minute in 0u32..61, second in 0u32..60,
                fraction in proptest::option::of("[0-9]{1,12}"),
                zone in prop_oneof![Just("Z".to_owned()), (prop_oneof![Just('+'), Just('-')], 0u32..25, 0u32..61).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}"))],
            ) {
                let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
                let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{zone}");
                prop_assert_eq!(read_iso_8601(text.as_bytes()), OffsetDateTime::parse(&text, &Rfc3339).ok(), "{}", text);
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
