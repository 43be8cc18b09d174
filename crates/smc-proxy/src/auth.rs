//! The optional bearer token of `/api` (`--token-file`). Only a SHA-256 digest of the token
//! is kept, and a presented token is compared digest to digest in constant time, so neither
//! its content nor its length leaks through timing.

use std::path::Path;

use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};

use crate::error::ProxyError;

/// Tokens shorter than this are accepted with a warning: they can be guessed.
pub const RECOMMENDED_TOKEN_LENGTH: usize = 16;

/// The token `/api` calls must present as `Authorization: Bearer <token>`.
#[derive(Clone, PartialEq, Eq)]
pub struct BearerToken {
    digest: [u8; 32],
    length: usize,
}

impl std::fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BearerToken(***)")
    }
}

/// Why a token could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The file could not be read.
    #[error("cannot read the token file {}: {source}", path.display())]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The token is empty or holds characters a header cannot carry.
    #[error("the token must be one line of visible ASCII characters without spaces")]
    Invalid,
}

impl BearerToken {
    /// A token from its text (surrounding whitespace ignored).
    pub fn new(token: &str) -> Result<Self, TokenError> {
        let token = token.trim();
        if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(TokenError::Invalid);
        }
        Ok(BearerToken {
            digest: sha256(token),
            length: token.len(),
        })
    }

    /// The token in a file (its first line, trimmed).
    pub fn from_file(path: &Path) -> Result<Self, TokenError> {
        let text = std::fs::read_to_string(path).map_err(|source| TokenError::Read {
            path: path.to_owned(),
            source,
        })?;
        BearerToken::new(text.lines().next().unwrap_or_default())
    }

    /// Whether the token is shorter than recommended.
    pub fn is_short(&self) -> bool {
        self.length < RECOMMENDED_TOKEN_LENGTH
    }

    /// Whether `presented` is the token, compared in constant time.
    pub fn matches(&self, presented: &str) -> bool {
        let presented = sha256(presented);
        let difference = presented
            .iter()
            .zip(self.digest.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        difference == 0
    }
}

fn sha256(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// The token of an `Authorization: Bearer <token>` header (scheme in any case).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Refuses `/api` calls without the token, when one is configured.
pub fn check(token: Option<&BearerToken>, headers: &HeaderMap) -> Result<(), ProxyError> {
    let Some(token) = token else {
        return Ok(());
    };
    match bearer(headers) {
        Some(presented) if token.matches(presented) => Ok(()),
        Some(_) => Err(ProxyError::Unauthorized { missing: false }),
        None => Err(ProxyError::Unauthorized { missing: true }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_match_exactly() {
        let token = BearerToken::new(" correct-horse-battery-staple\n").unwrap();
        assert!(token.matches("correct-horse-battery-staple"));
        assert!(!token.matches("correct-horse-battery-stapl"));
        assert!(!token.matches(""));
        assert!(!token.is_short());
        assert!(BearerToken::new("short").unwrap().is_short());
    }

    #[test]
    fn unusable_tokens_are_refused() {
        assert!(BearerToken::new("").is_err());
        assert!(BearerToken::new("two words").is_err());
        assert!(BearerToken::new("tab\tinside").is_err());
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer abc"),
        );
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
    }

    #[test]
    fn debug_output_hides_the_token() {
        let token = BearerToken::new("visible-if-leaked").unwrap();
        assert!(!format!("{token:?}").contains("visible"));
    }
}
