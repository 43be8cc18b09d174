//! The two encodings browsers accept and the proxy serves: brotli and gzip, each at its
//! best level (precompressing happens once per build, so time is cheap).

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

/// `bytes` compressed with brotli at quality 11 (`brotli -9` and more: the format's best).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("compressing into memory cannot fail");
    out
}

/// `bytes` compressed with gzip at level 9 (`gzip -9`).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("compressing into memory cannot fail")
}

/// The bytes a gzip stream holds.
#[cfg(test)]
pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a valid gzip stream");
    out
}

/// The bytes a brotli stream holds.
#[cfg(test)]
pub fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("a valid brotli stream");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_encodings_shrink_repetitive_bytes_and_decode_back() {
        let text = b"ReplicationJob ".repeat(1_000);
        let (br, gz) = (brotli(&text), gzip(&text));
        assert!(
            br.len() < 200 && gz.len() < 200,
            "{} {}",
            br.len(),
            gz.len()
        );
        assert_eq!(unbrotli(&br), text);
        assert_eq!(gunzip(&gz), text);
    }
}
