//! Floats as text and text as floats, without the standard library's float formatting and
//! parsing: their code and tables are a large part of the browser bundle, while the
//! shortest digits (zmij) are in it anyway for serde_json's writer.
//!
//! Each function gives what the standard library gives (`Display`, `{:.N}`,
//! `str::parse::<f64>`; the last exactly only with `exact-floats`); the tests compare
//! them on many values.

/// The same text as `value.to_string()`: the shortest digits that read back as `value`,
/// never with an exponent (`100`, `55.45`, `0.0000001`, `-0`, `inf`, `NaN`).
pub fn display_f64(value: f64) -> String {
    if !value.is_finite() {
        return non_finite(value);
    }
    let mut buffer = zmij::Buffer::new();
    // zmij writes `100.0`, `55.45`, `1e+21` or `1.5e-7`.
    let text = buffer.format_finite(value.abs());
    let (mantissa, exponent) = match text.split_once('e') {
        // zmij writes exponents like `+21` and `-7`, which `i32` reads.
        Some((mantissa, exponent)) => (mantissa, exponent.parse().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = String::with_capacity(whole.len() + fraction.len() + 1);
    digits.push_str(whole);
    digits.push_str(fraction);
    let (mut digits, mut point) = normalize(&digits, whole.len() as i32 + exponent);
    // Two shortest texts can be equally near (`…35.2` and `…35.3` for `…35.25`): zmij takes
    // the even one, std the one away from zero.
    let mut tie = digits.clone();
    tie.push('5');
    if exact_digits(value.abs()) == (tie, point) {
        (digits, point) = round_up(digits, point);
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    push_plain(&mut out, &digits, point);
    out
}

/// `0.digits * 10^point` without leading or trailing zeros (`("", 0)` for zero).
fn normalize(digits: &str, point: i32) -> (String, i32) {
    let leading = digits.len() - digits.trim_start_matches('0').len();
    (digits.trim_matches('0').to_owned(), point - leading as i32)
}

/// `0.digits * 10^point` plus one unit in the last digit.
fn round_up(digits: String, point: i32) -> (String, i32) {
    let mut bytes = digits.into_bytes();
    let mut index = bytes.len();
    while index > 0 {
        index -= 1;
        if bytes[index] == b'9' {
            bytes[index] = b'0';
        } else {
            bytes[index] += 1;
            let digits = String::from_utf8(bytes).unwrap_or_default();
            return normalize(&digits, point);
        }
    }
    bytes.insert(0, b'1');
    normalize(&String::from_utf8(bytes).unwrap_or_default(), point + 1)
}

/// The exact decimal value of a finite non-negative `value` as `normalize` gives it, when
/// it has at most about 17 significant digits; otherwise `-`, which no tie equals.
fn exact_digits(value: f64) -> (String, i32) {
    let (mut mantissa, mut exponent) = parts(value);
    if mantissa == 0 {
        return (String::new(), 0);
    }
    let zeros = mantissa.trailing_zeros();
    mantissa >>= zeros;
    exponent += zeros as i32;
    if exponent >= 0 {
        let digits = shifted_digits(mantissa, exponent as u32);
        let point = digits.len() as i32;
        return normalize(&digits, point);
    }
    // mantissa / 2^k = mantissa * 5^k / 10^k, with at least 0.69 k digits.
    let k = exponent.unsigned_abs();
    if k > 25 {
        return (String::from("-"), 0);
    }
    let digits = u128_digits(u128::from(mantissa) * 5u128.pow(k));
    let point = digits.len() as i32 - k as i32;
    normalize(&digits, point)
}

/// `value = mantissa * 2^exponent` exactly, for a finite non-negative `value`.
fn parts(value: f64) -> (u64, i32) {
    let bits = value.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// The same text as `format!("{value:.decimals$}")` for `decimals` up to 9: rounded
/// exactly (half to even on the binary value), sign kept on negative zero.
pub fn fixed(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(9);
    if !value.is_finite() {
        return non_finite(value);
    }
    let (mantissa, exponent) = parts(value.abs());
    let mut digits = if exponent >= 0 {
        // An integer: its digits, then zero decimals.
        let mut digits = shifted_digits(mantissa, exponent as u32);
        digits.extend(std::iter::repeat_n('0', decimals as usize));
        digits
    } else {
        // value * 10^decimals, rounded half to even: mantissa * 10^decimals < 2^83.
        let scaled = u128::from(mantissa) * 10u128.pow(decimals);
        let shift = exponent.unsigned_abs();
        let rounded = if shift >= 127 {
            0
        } else {
            let quotient = scaled >> shift;
            let remainder = scaled & ((1 << shift) - 1);
            let half = 1 << (shift - 1);
            if remainder > half || (remainder == half && quotient & 1 == 1) {
                quotient + 1
            } else {
                quotient
            }
        };
        u128_digits(rounded)
    };
    // At least one digit before the point.
    while digits.len() <= decimals as usize {
        digits.insert(0, '0');
    }
    let mut out = String::with_capacity(digits.len() + 2);
    if value.is_sign_negative() {
        out.push('-');
    }
    let point = digits.len() - decimals as usize;
    out.push_str(&digits[..point]);
    if decimals > 0 {
        out.push('.');
        out.push_str(&digits[point..]);
    }
    out
}

/// The same as `text.parse::<f64>().ok()`: an optional sign, then digits with an optional
/// point and exponent (`1`, `-2.5`, `.5`, `5.`, `1e-3`), or `inf`, `infinity`, `nan` in any
/// case. Out of range reads as infinity or zero, as the standard library does.
///
/// Without the `exact-floats` feature, a number of more than 15 significant digits or with
/// a decimal exponent beyond ±22 may read a few ULP off: the standard library's exact
/// reader costs about 9 KB of the gzip bundle.
pub fn parse_f64(text: &str) -> Option<f64> {
    if cfg!(feature = "exact-floats") {
        text.parse().ok()
    } else {
        parse_f64_close(text)
    }
}

/// [`parse_f64`] by one or two correctly rounded operations: exact for up to 15
/// significant digits with a decimal exponent within ±22 (the common case, as every
/// `Progress` is), within a few ULP otherwise.
fn parse_f64_close(text: &str) -> Option<f64> {
    /// The powers of ten that an f64 holds exactly.
    const EXACT_POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = |magnitude: f64| if negative { -magnitude } else { magnitude };
    if rest.eq_ignore_ascii_case("inf") || rest.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if rest.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(index) => (&rest[..index], Some(&rest[index + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut power: i64 = match exponent {
        None => 0,
        Some(exponent) => {
            let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if digits.is_empty() || !all_digits(digits) {
                return None;
            }
            // Beyond a million the value is zero or infinite anyway.
            let magnitude = digits
                .bytes()
                .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(1_000_000));
            if exponent.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    // Up to 19 significant digits fit a u64; the ones after them only move the point.
    let mut significand: u64 = 0;
    for (index, byte) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let in_fraction = index >= whole.len();
        if significand < 1_000_000_000_000_000_000 {
            significand = significand * 10 + u64::from(byte - b'0');
            power -= i64::from(in_fraction);
        } else {
            power += i64::from(!in_fraction);
        }
    }
    if significand == 0 {
        return Some(signed(0.0));
    }
    let mut value = significand as f64;
    let mut left = power.unsigned_abs();
    while left > 0 && value != 0.0 && value.is_finite() {
        let step = left.min(22);
        left -= step;
        if power > 0 {
            value *= EXACT_POWERS[step as usize];
        } else {
            value /= EXACT_POWERS[step as usize];
        }
    }
    Some(signed(value))
}

fn non_finite(value: f64) -> String {
    match (value.is_nan(), value.is_sign_negative()) {
        (true, _) => "NaN",
        (false, true) => "-inf",
        (false, false) => "inf",
    }
    .to_owned()
}

/// Writes normalized `0.digits * 10^point` in plain decimal notation.
fn push_plain(out: &mut String, digits: &str, point: i32) {
    if digits.is_empty() {
        out.push('0');
        return;
    }
    let len = digits.len() as i32;
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(digits);
    } else if point >= len {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
}

/// The decimal digits of `mantissa * 2^shift`, however large.
fn shifted_digits(mantissa: u64, shift: u32) -> String {
    const BASE: u64 = 1_000_000_000;
    // Little-endian limbs of nine decimal digits.
    let mut limbs = vec![
        mantissa % BASE,
        mantissa / BASE % BASE,
        mantissa / BASE / BASE,
    ];
    let mut left = shift;
    while left > 0 {
        let step = left.min(29);
        left -= step;
        let mut carry = 0;
        for limb in &mut limbs {
            let product = (*limb << step) + carry;
            *limb = product % BASE;
            carry = product / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut out = String::new();
    for (index, limb) in limbs.iter().rev().enumerate() {
        let text = u128_digits(u128::from(*limb));
        if index > 0 {
            out.extend(std::iter::repeat_n('0', 9 - text.len()));
        }
        out.push_str(&text);
    }
    out
}

/// The decimal digits of `n`: `n.to_string()`, without core's `u128` formatting, whose
/// fast division tricks cost 0.3 KB of the gzip bundle.
fn u128_digits(mut n: u128) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [f64; 28] = [
        0.0,
        -0.0,
        1.0,
        100.0,
        55.45,
        0.05,
        0.15,
        0.25,
        0.125,
        0.375,
        2.5,
        1023.95,
        1e21,
        1e22,
        1.5e-7,
        1e-7,
        123456789012345680.0,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        -f64::MAX,
        -1.25,
        -0.04,
        0.1 + 0.2,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        99.995,
    ];

    fn check(value: f64) {
        assert_eq!(display_f64(value), value.to_string(), "{value:e}");
        for decimals in 0..=3 {
            assert_eq!(
                fixed(value, decimals),
                format!("{value:.*}", decimals as usize),
                "{value:e} with {decimals} decimals"
            );
        }
    }

    #[test]
    fn samples_read_as_the_standard_library_writes_them() {
        for value in SAMPLES {
            check(value);
        }
    }

    #[test]
    fn texts_read_as_the_standard_library_reads_them() {
        for text in [
            "1",
            "-2.5",
            ".5",
            "5.",
            "+5",
            "1e-3",
            "1E+3",
            "007",
            "0.1",
            "inf",
            "-Infinity",
            "NaN",
            "1e400",
            "-1e400",
            "1e-400",
            "0e99999",
            "",
            ".",
            "-",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "1_000",
            "--1",
            "+-1",
            "1e5.5",
            "٣",
        ] {
            let std = text.parse::<f64>().ok();
            for ours in [parse_f64(text), parse_f64_close(text)] {
                assert_eq!(
                    ours.map(f64::to_bits),
                    std.map(f64::to_bits),
                    "{text:?}: {ours:?} and {std:?}"
                );
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use super::check;
        use proptest::prelude::*;
        use proptest::test_runner::TestCaseError;

        /// The close reader (`parse_f64` without `exact-floats`) against std's.
        fn reads_as_std(text: &str) -> Result<(), TestCaseError> {
            prop_assert_eq!(
                parse_f64_close(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{}",
                text
            );
            Ok(())
        }

        /// At most `ulps` representable values apart (both have the text's sign).
        fn reads_near_std(text: &str, ulps: u64) -> Result<(), TestCaseError> {
            let ours = parse_f64_close(text).map(f64::to_bits);
            let std = text.parse::<f64>().ok().map(f64::to_bits);
            prop_assert_eq!(ours.is_some(), std.is_some(), "{}", text);
            if let (Some(ours), Some(std)) = (ours, std) {
                prop_assert!(
                    ours.abs_diff(std) <= ulps,
                    "{}: {:e} and {:e}",
                    text,
                    f64::from_bits(ours),
                    f64::from_bits(std)
                );
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(20_000))]

            #[test]
            fn any_float_reads_as_std_writes_it(bits in any::<u64>()) {
                check(f64::from_bits(bits));
            }

            #[test]
            fn everyday_floats_read_as_std_writes_them(value in -2000.0f64..2000.0) {
                check(value);
            }

            #[test]
            fn ties_between_shortest_texts_go_as_std(n in 0u64..(1 << 53), shift in 0u32..4, up in 0u32..20) {
                check(n as f64 / f64::from(1u32 << shift));
                check((n as f64) * f64::from(1u32 << up));
            }

            #[test]
            fn exact_halves_round_as_std_rounds_them(n in -100_000i64..100_000, shift in 1u32..12) {
                check(n as f64 / f64::from(1u32 << shift));
            }

            // Exact without `exact-floats` too: up to 15 digits, exponents within ±22.
            #[test]
            fn short_numbers_read_as_std_reads_them(n in 0u64..1_000_000_000_000_000, point in 0usize..16, exponent in -7i32..=7) {
                let digits = n.to_string();
                let point = point.min(digits.len());
                let text = format!("{}.{}e{exponent}", &digits[..point], &digits[point..]);
                reads_as_std(&text)?;
            }

            // Beyond that, each step of the close reader rounds once: a few ULP at most.
            #[test]
            fn any_float_written_reads_back_near_it(bits in any::<u64>()) {
                let value = f64::from_bits(bits);
                for text in [value.to_string(), format!("{value:e}"), format!("{value:E}")] {
                    reads_near_std(&text, 16)?;
                }
            }

            #[test]
            fn number_like_texts_read_near_std(text in "[+-]?[0-9]{0,25}(\\.[0-9]{0,25})?([eE][+-]?[0-9]{1,4})?") {
                reads_near_std(&text, 16)?;
            }
        }
    }
}
