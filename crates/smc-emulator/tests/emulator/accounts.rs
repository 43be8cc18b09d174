//! Several accounts in one emulator: each AccessKey sees its own jobs, v1 and V3 alike; a
//! key of no account is refused; the primary account keeps the default key and seed.

use smc_core::sign::v3::ParameterPlacement;
use smc_core::sign::Credentials;
use smc_core::{DescribeReplicationJobs, Format};

use crate::common::{ids, sign_with, Harness, T0};

fn first_page() -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        page_size: Some(50),
        ..DescribeReplicationJobs::default()
    }
}

fn second_account() -> Credentials {
    Credentials::new("LTAIsecondAccount", "second-account-secret")
}

/// The page `credentials` get for `request`.
async fn page_for(harness: &Harness, credentials: &Credentials) -> Vec<String> {
    let signed = sign_with(credentials, &first_page(), Format::Json, "GET", T0);
    let answer = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    ids(&answer.page().typed_parts().replication_jobs)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn each_access_key_sees_its_own_jobs() {
    let harness = Harness::with(|builder| builder.account(second_account(), 2));
    let alone = Harness::new();
    let primary = page_for(&harness, &harness.credentials).await;
    let second = page_for(&harness, &second_account()).await;
    // The primary account is what an emulator of one account serves.
    assert_eq!(primary, page_for(&alone, &alone.credentials).await);
    assert_eq!(second.len(), 50);
    assert!(
        second.iter().all(|id| !primary.contains(id)),
        "the accounts share jobs: {second:?}"
    );
    assert_eq!(harness.state.accounts().len(), 2);
}

#[tokio::test]
async fn v3_calls_pick_their_account_too() {
    let harness = Harness::with(|builder| builder.account(second_account(), 2));
    let v1 = page_for(&harness, &second_account()).await;
    let signed = crate::v3::sign(
        &harness,
        &second_account(),
        &first_page(),
        ParameterPlacement::FormBody,
        |_| {},
    );
    let answer = crate::v3::send(&harness, &signed, |_, _| {}).await;
    assert_eq!(v1, ids(&answer.page().typed_parts().replication_jobs));
}

#[tokio::test]
async fn a_key_of_no_account_is_refused() {
    let harness = Harness::with(|builder| builder.account(second_account(), 2));
    let stranger = Credentials::new("LTAIstranger", "second-account-secret");
    let signed = sign_with(&stranger, &first_page(), Format::Json, "GET", T0);
    let answer = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    assert_eq!(answer.error().code, "InvalidAccessKeyId.NotFound");
    // The right key with another account's secret is a signature mismatch.
    let crossed = Credentials::new(
        "LTAIsecondAccount",
        harness.credentials.access_key_secret.expose(),
    );
    let signed = sign_with(&crossed, &first_page(), Format::Json, "GET", T0);
    let answer = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    assert_eq!(answer.error().code, "SignatureDoesNotMatch");
}
