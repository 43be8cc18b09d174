//! `sign::verify` never panics, accepts only the signature `sign_parameters` computes for
//! the same parameters, and accepts that one once it is added.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smc_core::encode::parse_form;
use smc_core::sign::{sign_parameters, verify};

fuzz_target!(|data: &[u8]| {
    // The first line is the AccessKey secret, the rest a query string.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (secret, query) = text.split_once('\n').unwrap_or(("secret", text));
    let Ok(params) = parse_form(query) else {
        return;
    };
    let expected = sign_parameters("GET", &params, secret);

    match verify("GET", &params, secret) {
        Ok(()) => {
            let given = params
                .iter()
                .find(|(name, _)| name == "Signature")
                .map(|(_, value)| value.as_str());
            assert_eq!(
                given,
                Some(expected.signature.as_str()),
                "accepted a wrong signature"
            );
        }
        Err(mismatch) => assert_eq!(mismatch.string_to_sign, expected.string_to_sign),
    }

    let mut signed: Vec<(String, String)> = params
        .into_iter()
        .filter(|(name, _)| name != "Signature")
        .collect();
    signed.push(("Signature".to_owned(), expected.signature.clone()));
    assert_eq!(
        verify("GET", &signed, secret),
        Ok(()),
        "refused its own signature"
    );
    assert!(
        verify("POST", &signed, secret).is_err(),
        "a signature for GET passed for POST"
    );
});
