//! Numbers as text, for the places that show a float to a person or write it where the
//! API expects text: the shortest digits that read back as the same value (zmij, the
//! writer serde_json itself uses), and a fixed number of decimals by integer rounding.

/// The shortest text that reads back as `value`: `55.45`, `100`, `0.5`. Whole numbers have
/// no `.0`; very large or very small magnitudes use an exponent (`1e+21`), and the
/// non-finite values read `inf`, `-inf` and `NaN` as Rust writes them.
pub fn display_f64(value: f64) -> String {
    if !value.is_finite() {
        return non_finite(value).to_owned();
    }
    // Below 2^53 every whole float is an exact i64, and i64's text is the shortest.
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        return (value as i64).to_string();
    }
    zmij::Buffer::new().format_finite(value).to_owned()
}

/// `value` with exactly `decimals` digits after the point (at most 9), rounded half away
/// from zero: `fixed(55.456, 2)` is `55.46`, `fixed(243.0, 1)` is `243.0`. Away from
/// halfway cases it is the text of `format!("{value:.decimals$}")`.
///
/// The value is scaled to an integer of hundredths (or whatever `decimals` asks) and that
/// integer is written with a point inserted, so no float formatting is involved.
pub fn fixed(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return non_finite(value).to_owned();
    }
    let decimals = decimals.min(9);
    let scale = 10f64.powi(decimals as i32);
    let scaled = (value.abs() * scale).round();
    // Past 2^63 hundredths a float has no decimals left to show: write the whole part.
    if scaled >= 9.2e18 {
        return display_f64(value.trunc());
    }
    let digits = format!("{:0>width$}", scaled as u64, width = decimals as usize + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals as usize);
    // As Rust writes it: a negative value keeps its sign even when it rounds to zero.
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// What Rust writes for a value that is not finite (written out here: `f64`'s own
/// `Display` would bring the whole float formatter along for three words).
fn non_finite(value: f64) -> &'static str {
    if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "inf"
    } else {
        "-inf"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_gives_the_shortest_text_that_reads_back() {
        assert_eq!(display_f64(55.45), "55.45");
        assert_eq!(display_f64(100.0), "100");
        assert_eq!(display_f64(-0.0), "0");
        assert_eq!(display_f64(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(display_f64(1e21), "1e+21");
        assert_eq!(display_f64(f64::NAN), "NaN");
        assert_eq!(display_f64(f64::NEG_INFINITY), "-inf");
        for value in [55.45, 1.0 / 3.0, 123456.789, 5e-324, f64::MAX, -2.5e-7] {
            assert_eq!(display_f64(value).parse::<f64>(), Ok(value), "{value}");
        }
    }

    #[test]
    fn fixed_rounds_to_the_decimals_asked() {
        assert_eq!(fixed(55.456, 2), "55.46");
        assert_eq!(fixed(55.45, 2), "55.45");
        assert_eq!(fixed(243.0, 1), "243.0");
        assert_eq!(fixed(0.04, 1), "0.0");
        assert_eq!(fixed(0.05, 0), "0");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-1.25, 1), "-1.3");
        assert_eq!(fixed(-0.001, 2), "-0.00");
        assert_eq!(fixed(99.999, 2), "100.00");
        assert_eq!(fixed(7.0, 0), "7");
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(fixed(value, 2), format!("{value:.2}"));
            assert_eq!(display_f64(value), value.to_string());
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn display_reads_back_as_the_same_value(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
                prop_assert_eq!(display_f64(value).parse::<f64>().ok(), Some(value));
            }

            // Progress and sizes: well inside the range where scaling is exact enough.
            #[test]
            fn fixed_agrees_with_std_away_from_ties(value in -1.0e9f64..1.0e9, decimals in 0u32..4) {
                let scaled = value.abs() * 10f64.powi(decimals as i32);
                prop_assume!((scaled.fract() - 0.5).abs() > 1e-6);
                prop_assert_eq!(fixed(value, decimals), format!("{:.*}", decimals as usize, value));
            }
        }
    }
}
