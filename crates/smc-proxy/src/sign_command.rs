//! `smc-proxy sign`: signs exactly the given parameters (adding nothing) and prints the
//! string-to-sign and the signature, so a user can compare them with the server's
//! string-to-sign in a `SignatureDoesNotMatch` message. With `--signature v3`, the
//! parameters are the query's, the headers given are the signed ones, and the canonical
//! request is printed too.

use std::io::BufRead;

use clap::Args;
use smc_core::sign::v3;

use crate::settings::SignatureVersion;

/// `smc-proxy sign --secret SECRET [--method GET] [--signature v3 --header NAME:VALUE…
/// --body TEXT] NAME=VALUE…`
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The AccessKey secret; `-` reads it from the first line of standard input, which
    /// keeps it out of the process list and the shell history.
    #[arg(long)]
    pub secret: String,
    /// The HTTP method that is signed: GET or POST.
    #[arg(long, default_value = "GET")]
    pub method: String,
    /// The parameters, exactly as sent (not URL-encoded): `Action=DescribeReplicationJobs`.
    /// With v3, the query parameters.
    #[arg(value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// The signature: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256).
    #[arg(long, value_enum, default_value_t = SignatureVersion::V1)]
    pub signature: SignatureVersion,
    /// v3: a signed header as sent, `x-acs-date: 2026-05-01T08:00:00Z`; repeatable.
    #[arg(long = "header", value_name = "NAME:VALUE")]
    pub headers: Vec<String>,
    /// v3: the body as sent (its SHA-256 is signed); empty unless given.
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,
}

/// Why nothing could be signed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignCommandError {
    /// A parameter without `=`, or with an empty name.
    #[error("{0:?} is not NAME=VALUE")]
    NotAParameter(String),
    /// A method other than GET or POST.
    #[error("the method must be GET or POST (got {0:?})")]
    Method(String),
    /// No secret on standard input.
    #[error("no secret on standard input")]
    NoSecret,
    /// A header without `:`, or with an empty name.
    #[error("{0:?} is not NAME:VALUE")]
    NotAHeader(String),
    /// `--header` or `--body` without `--signature v3`.
    #[error("--header and --body belong to --signature v3")]
    V3Only,
}

/// The two output lines, `StringToSign: …` and `Signature: …`, each ending in a newline.
pub fn run(args: &SignArgs, stdin: impl BufRead) -> Result<String, SignCommandError> {
    let method = args.method.to_ascii_uppercase();
    if method != "GET" && method != "POST" {
        return Err(SignCommandError::Method(args.method.clone()));
    }
    let params = args
        .params
        .iter()
        .map(|param| match param.split_once('=') {
            Some((name, value)) if !name.is_empty() => Ok((name, value)),
            _ => Err(SignCommandError::NotAParameter(param.clone())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let secret = if args.secret == "-" {
        let line = stdin
            .lines()
            .next()
            .and_then(Result::ok)
            .ok_or(SignCommandError::NoSecret)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        args.secret.clone()
    };
    match args.signature {
        SignatureVersion::V1 => {
            if !args.headers.is_empty() || args.body.is_some() {
                return Err(SignCommandError::V3Only);
            }
            let signature = smc_core::sign::sign_parameters(&method, &params, &secret);
            Ok(format!(
                "StringToSign: {}\nSignature: {}\n",
                signature.string_to_sign, signature.signature
            ))
        }
        SignatureVersion::V3 => sign_v3(args, &method, &params, &secret),
    }
}

/// Three blocks: `CanonicalRequest:` and `StringToSign:`, each followed by its lines and a
/// blank line, then `Signature: …`.
fn sign_v3(
    args: &SignArgs,
    method: &str,
    query: &[(&str, &str)],
    secret: &str,
) -> Result<String, SignCommandError> {
    let headers = args
        .headers
        .iter()
        .map(|header| match header.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => Ok((name.trim(), value)),
            _ => Err(SignCommandError::NotAHeader(header.clone())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let body = args.body.as_deref().unwrap_or_default();
    let hashed = v3::hashed_request_payload(body.as_bytes());
    let signature = v3::sign(
        &v3::RequestToSign {
            method,
            canonical_uri: "/",
            query,
            headers: &headers,
            hashed_request_payload: &hashed,
        },
        secret,
    );
    Ok(format!(
        "CanonicalRequest:\n{}\n\nStringToSign:\n{}\n\nSignature: {}\n",
        signature.canonical_request, signature.string_to_sign, signature.signature
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(secret: &str, method: &str, params: &[&str]) -> SignArgs {
        SignArgs {
            secret: secret.into(),
            method: method.into(),
            params: params.iter().map(|p| p.to_string()).collect(),
            signature: SignatureVersion::V1,
            headers: Vec::new(),
            body: None,
        }
    }

    /// The form-body vector of smc-core's `tests/data/v3-vectors.json`, which
    /// alibabacloud-tea-openapi's own signer agrees with.
    #[test]
    fn v3_prints_the_canonical_request_string_to_sign_and_signature_of_the_vector() {
        let mut v3_args = args("TestSecret0123456789", "post", &[]);
        v3_args.signature = SignatureVersion::V3;
        v3_args.headers = [
            "host: smc.aliyuncs.com",
            "x-acs-action: DescribeReplicationJobs",
            "x-acs-version: 2019-06-01",
            "x-acs-date: 2026-05-01T08:00:00Z",
            "x-acs-signature-nonce: nonce-4",
            "x-acs-content-sha256: fc3e9d9fe19088f215880be36fae1450f71131efde9aaa70bdf7205349875ec5",
            "Content-Type: application/x-www-form-urlencoded",
        ]
        .map(str::to_owned)
        .to_vec();
        v3_args.body = Some("Format=XML&PageNumber=2&PageSize=20&Status=Running".to_owned());
        let out = run(&v3_args, std::io::empty()).unwrap();
        assert!(out.starts_with("CanonicalRequest:\nPOST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:smc.aliyuncs.com\n"), "{out}");
        assert!(out.contains(
            "\n\nStringToSign:\nACS3-HMAC-SHA256\n9e4675fc8cb0307a59b64896da8de87d7ad957124287f7f4975d9731cbf757e8\n\n"
        ), "{out}");
        assert!(
            out.ends_with(
                "Signature: 90d4a487a0cf4d23065a5fee802b313bcd3894e01b8d162cb4b208487266ca84\n"
            ),
            "{out}"
        );
        v3_args.headers.push("no colon".to_owned());
        assert!(matches!(
            run(&v3_args, std::io::empty()),
            Err(SignCommandError::NotAHeader(_))
        ));
        let mut v1_with_body = args("s", "GET", &[]);
        v1_with_body.body = Some("x".to_owned());
        assert_eq!(
            run(&v1_with_body, std::io::empty()),
            Err(SignCommandError::V3Only)
        );
    }

    const VECTOR: [&str; 8] = [
        "SignatureMethod=HMAC-SHA1",
        "SignatureVersion=1.0",
        "AccessKeyId=testid",
        "Action=DescribeRegions",
        "Format=XML",
        "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "Timestamp=2016-02-23T12:46:24Z",
        "Version=2014-05-26",
    ];

    #[test]
    fn the_official_vector_signs_as_documented() {
        let out = run(&args("testsecret", "GET", &VECTOR), std::io::empty()).unwrap();
        assert_eq!(
            out,
            "StringToSign: GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26\n\
             Signature: OLeaidS1JvxuMvnyHOwuJ+uX5qY=\n"
        );
    }

    #[test]
    fn the_secret_can_come_from_stdin() {
        let from_stdin = run(&args("-", "get", &VECTOR), "testsecret\n".as_bytes()).unwrap();
        assert!(from_stdin.ends_with("Signature: OLeaidS1JvxuMvnyHOwuJ+uX5qY=\n"));
        assert_eq!(
            run(&args("-", "GET", &VECTOR), std::io::empty()),
            Err(SignCommandError::NoSecret)
        );
    }

    #[test]
    fn bad_input_is_refused() {
        assert!(matches!(
            run(&args("s", "GET", &["novalue"]), std::io::empty()),
            Err(SignCommandError::NotAParameter(_))
        ));
        assert!(matches!(
            run(&args("s", "GET", &["=v"]), std::io::empty()),
            Err(SignCommandError::NotAParameter(_))
        ));
        assert!(matches!(
            run(&args("s", "PUT", &[]), std::io::empty()),
            Err(SignCommandError::Method(_))
        ));
        let empty_value = run(&args("s", "POST", &["SignatureType="]), std::io::empty()).unwrap();
        assert!(empty_value.starts_with("StringToSign: POST&%2F&SignatureType%3D\n"));
    }
}
