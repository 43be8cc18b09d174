//! The key of a shared call: the profile and smc-core's canonical parameters, sorted, so two
//! requests that ask the same thing of the same account share one upstream call and one
//! cached answer. Who asks is not part of it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use smc_core::DescribeReplicationJobs;

/// What identifies one upstream answer: `profile` then the sorted parameter string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CallKey(String);

impl CallKey {
    /// The key of `request` (already validated, `RegionId` filled in) for `profile`.
    pub fn new(profile: &str, request: &DescribeReplicationJobs) -> Self {
        let mut params = request.to_params();
        params.sort();
        let query = smc_core::encode::to_query_string(&params);
        CallKey(format!("{profile}\n{query}"))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A short fixed-length digest, for Redis key names (parameters may be long).
    pub fn digest(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.0.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> DescribeReplicationJobs {
        DescribeReplicationJobs::from_query_string(query).unwrap()
    }

    #[test]
    fn the_same_parameters_in_any_order_give_one_key() {
        let a = CallKey::new("default", &request("Status=Running&PageSize=10"));
        let b = CallKey::new("default", &request("PageSize=10&Status=Running"));
        assert_eq!(a, b);
        assert_eq!(a.digest(), b.digest());
    }

    #[test]
    fn profile_region_and_every_parameter_tell_keys_apart() {
        let base = CallKey::new("default", &request("PageSize=10"));
        for other in [
            CallKey::new("prod", &request("PageSize=10")),
            CallKey::new("default", &request("PageSize=10&RegionId=cn-hangzhou")),
            CallKey::new("default", &request("PageSize=20")),
            CallKey::new(
                "default",
                &request("PageSize=10&Tag.1.Key=env&Tag.1.Value="),
            ),
        ] {
            assert_ne!(base, other);
            assert_ne!(base.digest(), other.digest());
        }
        // A tag filter with an empty value differs from one with any value.
        assert_ne!(
            CallKey::new("default", &request("Tag.1.Key=env")),
            CallKey::new("default", &request("Tag.1.Key=env&Tag.1.Value="))
        );
    }
}
