//! `smc-proxy sign`: signs exactly the given parameters (adding nothing) and prints the
//! string-to-sign and the signature, so a user can compare them with the server's
//! string-to-sign in a `SignatureDoesNotMatch` message.

use std::io::BufRead;

use clap::Args;

/// `smc-proxy sign --secret SECRET [--method GET] NAME=VALUE…`
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
    #[arg(value_name = "NAME=VALUE")]
    pub params: Vec<String>,
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
    let signature = smc_core::sign::sign_parameters(&method, &params, &secret);
    Ok(format!(
        "StringToSign: {}\nSignature: {}\n",
        signature.string_to_sign, signature.signature
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
        }
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
