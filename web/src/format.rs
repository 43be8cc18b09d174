//! How values read: sizes in binary units, times in the chosen zone, relative times.

use serde::{Deserialize, Serialize};
use smc_core::number::fixed;
use time::{OffsetDateTime, UtcOffset};

use crate::i18n::Texts;

/// Bytes in binary units with one decimal: `20.0 GiB`, `243.0 MiB`, `512 B`.
pub fn human_bytes(bytes: i64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if bytes.unsigned_abs() < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for next in UNITS {
        if value.abs() < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = next;
    }
    format!("{} {unit}", fixed(value, 1))
}

/// The zone times are shown in. The API speaks UTC; the SMC console shows UTC+8.
/// Preferences store it by its [`Zone::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Coordinated Universal Time, as the API returns it.
    #[default]
    Utc,
    /// The browser's zone.
    Local,
    /// China Standard Time, as the SMC console shows it.
    #[serde(rename = "utc+8")]
    Utc8,
}

impl Zone {
    /// Every choice, in menu order.
    pub const ALL: [Zone; 3] = [Zone::Utc, Zone::Local, Zone::Utc8];

    /// The value of its menu option, and of its stored preference.
    pub fn key(self) -> &'static str {
        match self {
            Zone::Utc => "utc",
            Zone::Local => "local",
            Zone::Utc8 => "utc+8",
        }
    }

    /// Reads a preference value.
    pub fn from_key(key: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|zone| zone.key() == key)
    }

    /// The menu label, in the language of `texts`.
    pub fn label(self, texts: &Texts) -> &'static str {
        match self {
            Zone::Utc => texts.zone_utc,
            Zone::Local => texts.zone_local,
            Zone::Utc8 => texts.zone_utc8,
        }
    }

    /// The offset of this zone at `time` (local time has daylight saving).
    pub fn offset_at(self, time: OffsetDateTime) -> UtcOffset {
        match self {
            Zone::Utc => UtcOffset::UTC,
            Zone::Utc8 => UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC),
            Zone::Local => local_offset_at(time),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn local_offset_at(time: OffsetDateTime) -> UtcOffset {
    let millis = (time.unix_timestamp_nanos() / 1_000_000) as f64;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    // getTimezoneOffset is minutes *behind* UTC: UTC+8 gives -480.
    let minutes = -(date.get_timezone_offset() as i32);
    UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(UtcOffset::UTC)
}

#[cfg(not(target_arch = "wasm32"))]
fn local_offset_at(_time: OffsetDateTime) -> UtcOffset {
    UtcOffset::UTC
}

/// `UTC`, `UTC+8`, `UTC-03:30`.
pub fn offset_label(offset: UtcOffset) -> String {
    let (hours, minutes, _) = offset.as_hms();
    match (hours, minutes) {
        (0, 0) => "UTC".to_owned(),
        (h, 0) => format!("UTC{h:+}"),
        (h, m) => format!(
            "UTC{}{:02}:{:02}",
            if offset.is_negative() { '-' } else { '+' },
            h.abs(),
            m.abs()
        ),
    }
}

/// `2026-11-28 20:05:00 UTC+8`: the time in `zone`, labelled with its offset.
pub fn format_time(time: OffsetDateTime, zone: Zone) -> String {
    let offset = zone.offset_at(time);
    let shown = time.to_offset(offset);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {}",
        shown.year(),
        u8::from(shown.month()),
        shown.day(),
        shown.hour(),
        shown.minute(),
        shown.second(),
        offset_label(offset)
    )
}

/// `3 h ago`, `in 2 d`, `just now` (`3 小时前`, `2 天后`, `刚刚`): for a glance; the exact
/// time goes in a tooltip.
pub fn relative_time(time: OffsetDateTime, now: OffsetDateTime, texts: &Texts) -> String {
    let seconds = (now - time).whole_seconds();
    if seconds.unsigned_abs() < 45 {
        return texts.just_now.to_owned();
    }
    let span = time_span(seconds.unsigned_abs(), texts);
    if seconds >= 0 {
        (texts.time_ago)(&span)
    } else {
        (texts.time_in)(&span)
    }
}

/// A span of `seconds` rounded to its largest unit: `3 min`, `2 d`, `12 mo` (`3 分钟`).
pub fn time_span(seconds: u64, texts: &Texts) -> String {
    let [minutes, hours, days, months, years] = texts.time_units;
    let (amount, unit) = match seconds {
        s if s < 3_600 => ((s + 30) / 60, minutes),
        s if s < 86_400 => ((s + 1_800) / 3_600, hours),
        s if s < 86_400 * 60 => ((s + 43_200) / 86_400, days),
        s if s < 86_400 * 730 => ((s + 86_400 * 15) / (86_400 * 30), months),
        s => ((s + 86_400 * 182) / (86_400 * 365), years),
    };
    (texts.time_amount)(amount, unit)
}

/// A count with its thousands grouped: `1,240`. English and Chinese both group by three
/// with a comma.
pub fn grouped(count: i64) -> String {
    let digits = count.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if count < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The time of day now, from the browser clock (`SystemTime` does not exist in wasm).
pub fn now() -> OffsetDateTime {
    #[cfg(target_arch = "wasm32")]
    let millis = js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or_default();
    OffsetDateTime::from_unix_timestamp_nanos(millis as i128 * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Progress as the table shows it: `55.45 %` keeps the API's precision, `100 %` drops zeros.
pub fn percent(progress: f64) -> String {
    let clamped = progress.clamp(0.0, 100.0);
    let text = fixed(clamped, 2);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} %")
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::{EN_US, ZH_CN};
    use smc_core::time_format::parse_wire_time;

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(21_474_836_480), "20.0 GiB");
        assert_eq!(human_bytes(254_803_968), "243.0 MiB");
        assert_eq!(human_bytes(5_334_102_016), "5.0 GiB");
        assert_eq!(human_bytes(1_099_511_627_776), "1.0 TiB");
    }

    #[test]
    fn times_show_in_the_chosen_zone_with_a_label() {
        let time = parse_wire_time("2026-11-28T12:05:00Z").unwrap();
        assert_eq!(format_time(time, Zone::Utc), "2026-11-28 12:05:00 UTC");
        assert_eq!(format_time(time, Zone::Utc8), "2026-11-28 20:05:00 UTC+8");
        let late = parse_wire_time("2026-11-28T20:00:00Z").unwrap();
        assert_eq!(format_time(late, Zone::Utc8), "2026-11-29 04:00:00 UTC+8");
    }

    #[test]
    fn offsets_have_readable_labels() {
        assert_eq!(
            offset_label(UtcOffset::from_hms(-3, -30, 0).unwrap()),
            "UTC-03:30"
        );
        assert_eq!(
            offset_label(UtcOffset::from_hms(5, 45, 0).unwrap()),
            "UTC+05:45"
        );
        assert_eq!(
            offset_label(UtcOffset::from_hms(-5, 0, 0).unwrap()),
            "UTC-5"
        );
    }

    #[test]
    fn relative_times_round_to_the_nearest_unit() {
        let now = parse_wire_time("2026-11-28T12:00:00Z").unwrap();
        let at = |text: &str| relative_time(parse_wire_time(text).unwrap(), now, &EN_US);
        assert_eq!(at("2026-11-28T11:59:50Z"), "just now");
        assert_eq!(at("2026-11-28T11:57:00Z"), "3 min ago");
        assert_eq!(at("2026-11-28T09:00:00Z"), "3 h ago");
        assert_eq!(at("2026-11-26T12:00:00Z"), "2 d ago");
        assert_eq!(at("2026-11-30T12:00:00Z"), "in 2 d");
        assert_eq!(at("2025-11-28T12:00:00Z"), "12 mo ago");
    }

    #[test]
    fn relative_times_read_in_chinese_with_the_unit_before_ago() {
        let now = parse_wire_time("2026-11-28T12:00:00Z").unwrap();
        let at = |text: &str| relative_time(parse_wire_time(text).unwrap(), now, &ZH_CN);
        assert_eq!(at("2026-11-28T11:59:50Z"), "刚刚");
        assert_eq!(at("2026-11-28T11:57:00Z"), "3 分钟前");
        assert_eq!(at("2026-11-28T09:00:00Z"), "3 小时前");
        assert_eq!(at("2026-11-30T12:00:00Z"), "2 天后");
        assert_eq!(at("2024-11-28T12:00:00Z"), "2 年前");
        assert_eq!(time_span(3 * 3_600, &ZH_CN), "3 小时");
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_240), "1,240");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(-12_000), "-12,000");
    }

    #[test]
    fn zone_labels_follow_the_language() {
        assert_eq!(Zone::Utc8.label(&EN_US), "UTC+8 (as the SMC console)");
        assert!(Zone::Utc8.label(&ZH_CN).contains("SMC 控制台"));
    }

    #[test]
    fn percentages_keep_precision_without_trailing_zeros() {
        assert_eq!(percent(55.45), "55.45 %");
        assert_eq!(percent(100.0), "100 %");
        assert_eq!(percent(7.5), "7.5 %");
        assert_eq!(percent(120.0), "100 %");
    }

    #[test]
    fn zones_round_trip_through_preference_keys() {
        for zone in Zone::ALL {
            assert_eq!(Zone::from_key(zone.key()), Some(zone));
            assert_eq!(serde_json::to_value(zone).unwrap(), zone.key());
        }
        assert_eq!(Zone::from_key("mars"), None);
    }
}
