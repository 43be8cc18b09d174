//! Who is asking. Behind a portal's own proxy (`--trust-header X-Forwarded-User`), the
//! header names the user, and a call without it is refused; otherwise the proxy admits
//! callers by its bearer token alone and knows no user. Profiles' allow-lists
//! ([`crate::profiles`]) are checked against this user.

use axum::http::{HeaderMap, HeaderName};

use crate::error::ProxyError;

/// The longest user name accepted from the trusted header, in bytes.
pub const MAX_USER_BYTES: usize = 256;

/// A user, as the trusted header names them: 1 to [`MAX_USER_BYTES`] bytes of UTF-8
/// without control characters or surrounding spaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct User(String);

impl User {
    /// A user from its name, or the rule the name breaks.
    pub fn new(name: &str) -> Result<Self, String> {
        if name.is_empty() {
            return Err("must not be empty".to_owned());
        }
        if name.len() > MAX_USER_BYTES {
            return Err(format!("must be at most {MAX_USER_BYTES} bytes"));
        }
        if name.trim() != name || name.chars().any(char::is_control) {
            return Err("must not hold control characters or surrounding spaces".to_owned());
        }
        Ok(User(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The request header a portal's proxy sets to the user's name (`--trust-header`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedUserHeader(HeaderName);

impl TrustedUserHeader {
    /// The header `name`; the bearer token's and the profile's headers cannot name a user.
    pub fn new(name: &str) -> Result<Self, String> {
        let header = HeaderName::try_from(name.trim())
            .map_err(|_| format!("{name:?} is not an HTTP header name"))?;
        let reserved = [
            axum::http::header::AUTHORIZATION.as_str(),
            &smc_core::PROFILE_HEADER.to_ascii_lowercase(),
        ];
        if reserved.contains(&header.as_str()) {
            return Err(format!(
                "{name} carries something else; name the portal's user header"
            ));
        }
        Ok(TrustedUserHeader(header))
    }

    /// The header's name.
    pub fn name(&self) -> &HeaderName {
        &self.0
    }

    /// The user a call's headers name; a call without a usable header is refused as
    /// unauthenticated.
    pub fn user(&self, headers: &HeaderMap) -> Result<User, ProxyError> {
        let refused = || ProxyError::Unauthenticated {
            header: self.0.to_string(),
        };
        let mut values = headers.get_all(&self.0).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return Err(refused());
        };
        let name = value.to_str().map_err(|_| refused())?;
        User::new(name).map_err(|_| refused())
    }
}

/// Who is asking, as far as the proxy knows: the trusted header's user, or nobody known.
pub fn caller(
    trusted: Option<&TrustedUserHeader>,
    headers: &HeaderMap,
) -> Result<Option<User>, ProxyError> {
    trusted.map(|header| header.user(headers)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn user_names_are_checked() {
        assert_eq!(
            User::new("alice@example.com").unwrap().as_str(),
            "alice@example.com"
        );
        for bad in ["", " alice", "al\tice", &"a".repeat(MAX_USER_BYTES + 1)] {
            assert!(User::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_trusted_header_names_the_user_once() {
        let header = TrustedUserHeader::new("X-Forwarded-User").unwrap();
        let mut headers = HeaderMap::new();
        let refused = header.user(&headers).unwrap_err();
        assert_eq!(refused.code(), "Proxy.Unauthenticated");
        assert!(
            refused.to_string().contains("x-forwarded-user"),
            "{refused}"
        );
        headers.insert("x-forwarded-user", HeaderValue::from_static("alice"));
        assert_eq!(header.user(&headers).unwrap().as_str(), "alice");
        headers.append("x-forwarded-user", HeaderValue::from_static("bob"));
        assert!(header.user(&headers).is_err(), "two users in one call");
        assert_eq!(caller(None, &headers).unwrap(), None);
    }

    #[test]
    fn reserved_headers_cannot_name_users() {
        assert!(TrustedUserHeader::new("Authorization").is_err());
        assert!(TrustedUserHeader::new("x-smc-profile").is_err());
        assert!(TrustedUserHeader::new("not a header").is_err());
    }
}
