#!/usr/bin/env python3
"""Writes v3-vectors.json: signature V3 (ACS3-HMAC-SHA256) test vectors for smc-core.

An independent implementation of the published algorithm, with the standard library only:

    CanonicalRequest = Method \\n CanonicalURI \\n CanonicalQueryString \\n CanonicalHeaders
                       \\n SignedHeaders \\n HashedRequestPayload
    StringToSign     = "ACS3-HMAC-SHA256" \\n hex(sha256(CanonicalRequest))
    Signature        = hex(hmac_sha256(AccessKeySecret, StringToSign))

Run it from anywhere: `python3 crates/smc-core/tests/data/v3_vectors.py`. When the official
SDK's signer is importable (the venv of `cargo xtask install python-sdk`, see the README:
`.tools/python-sdk/bin/python3 crates/smc-core/tests/data/v3_vectors.py`), every vector is
also signed by alibabacloud-tea-openapi's `Utils.get_authorization` and must agree.
"""

import hashlib
import hmac
import json
import os
from urllib.parse import quote

ALGORITHM = "ACS3-HMAC-SHA256"


def encode(text):
    # RFC 3986: only A-Z a-z 0-9 - _ . ~ stay; UTF-8 bytes as %XY with uppercase hex.
    return quote(text, safe="~", encoding="utf-8")


def canonical_query_string(query):
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(query))


def canonical_headers(headers):
    grouped = {}
    for name, value in headers:
        grouped.setdefault(name.lower(), []).append(value.strip())
    names = sorted(grouped)
    lines = "".join(f"{n}:{','.join(sorted(grouped[n]))}\n" for n in names)
    return lines, ";".join(names)


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def sign(vector):
    payload = sha256_hex(vector["body"].encode("utf-8"))
    lines, signed = canonical_headers(vector["headers"])
    canonical_request = "\n".join(
        [
            vector["method"],
            vector["path"],
            canonical_query_string(vector["query"]),
            lines,
            signed,
            payload,
        ]
    )
    string_to_sign = f"{ALGORITHM}\n{sha256_hex(canonical_request.encode('utf-8'))}"
    signature = hmac.new(
        vector["access_key_secret"].encode("utf-8"),
        string_to_sign.encode("utf-8"),
        hashlib.sha256,
    ).hexdigest()
    authorization = (
        f"{ALGORITHM} Credential={vector['access_key_id']},"
        f"SignedHeaders={signed},Signature={signature}"
    )
    return {
        "hashed_request_payload": payload,
        "canonical_request": canonical_request,
        "string_to_sign": string_to_sign,
        "signature": signature,
        "authorization": authorization,
    }


def cross_check(vector, expected):
    """Signs again with tea-openapi's own signer, when it is installed."""
    try:
        from alibabacloud_tea_openapi.utils import Utils
    except ImportError:
        return False

    class Request:
        pass

    request = Request()
    request.method = vector["method"]
    request.pathname = vector["path"]
    request.query = dict(vector["query"])
    request.headers = dict(vector["headers"])
    official = Utils.get_authorization(
        request,
        ALGORITHM,
        expected["hashed_request_payload"],
        vector["access_key_id"],
        vector["access_key_secret"],
    )
    assert official == expected["authorization"], (vector["name"], official)
    return True


def common_headers(host, date, nonce, payload_hash):
    return [
        ["host", host],
        ["x-acs-action", "DescribeReplicationJobs"],
        ["x-acs-version", "2019-06-01"],
        ["x-acs-date", date],
        ["x-acs-signature-nonce", nonce],
        ["x-acs-content-sha256", payload_hash],
    ]


def vectors():
    empty = sha256_hex(b"")
    form_body = "Format=XML&PageNumber=2&PageSize=20&Status=Running"
    return [
        {
            "name": "query-non-ascii-name",
            "about": "GET, a non-ASCII Name with a space, the SDK's header order",
            "method": "GET",
            "path": "/",
            "query": [
                ["RegionId", "cn-hangzhou"],
                ["Name", "迁移 web-01"],
                ["PageSize", "10"],
            ],
            "headers": common_headers(
                "smc.aliyuncs.com", "2026-05-01T08:00:00Z", "nonce-1", empty
            ),
            "body": "",
            "access_key_id": "LTAI5tTestKeyId",
            "access_key_secret": "TestSecret0123456789",
            "sdk_headers": True,
        },
        {
            "name": "query-repeated-tags",
            "about": "POST with Tag.N pairs (one value empty) and JobId.N in the query",
            "method": "POST",
            "path": "/",
            "query": [
                ["Tag.1.Key", "env"],
                ["Tag.1.Value", "prod"],
                ["Tag.2.Key", "team"],
                ["Tag.2.Value", ""],
                ["Tag.10.Key", "a*b~c"],
                ["Tag.10.Value", "x/y+z"],
                ["JobId.1", "j-bp1"],
                ["JobId.2", "j-bp2"],
            ],
            "headers": common_headers(
                "smc.aliyuncs.com", "2026-05-01T08:00:00Z", "nonce-2", empty
            )
            + [["User-Agent", " AlibabaCloud (Linux) Python/3.11 "], ["accept", "application/json"]],
            "body": "",
            "access_key_id": "LTAI5tTestKeyId",
            "access_key_secret": "TestSecret0123456789",
            "sdk_headers": False,
        },
        {
            "name": "sts-token",
            "about": "STS credentials: x-acs-accesskey-id and x-acs-security-token are signed",
            "method": "POST",
            "path": "/",
            "query": [["Status", "Running"]],
            "headers": common_headers(
                "127.0.0.1:8787", "2026-05-01T08:00:00Z", "nonce-3", empty
            )
            + [
                ["x-acs-accesskey-id", "STS.NTestKeyId"],
                ["x-acs-security-token", "CAIS+sts/token=="],
            ],
            "body": "",
            "access_key_id": "STS.NTestKeyId",
            "access_key_secret": "StsSecret",
            "security_token": "CAIS+sts/token==",
            "sdk_headers": True,
        },
        {
            "name": "form-body",
            "about": "POST with the parameters in a form body: only its hash is signed",
            "method": "POST",
            "path": "/",
            "query": [],
            "headers": common_headers(
                "smc.aliyuncs.com",
                "2026-05-01T08:00:00Z",
                "nonce-4",
                sha256_hex(form_body.encode("utf-8")),
            )
            + [["content-type", "application/x-www-form-urlencoded"]],
            "body": form_body,
            "access_key_id": "LTAI5tTestKeyId",
            "access_key_secret": "TestSecret0123456789",
            "sdk_headers": True,
        },
    ]


def main():
    out = []
    checked = 0
    for vector in vectors():
        expected = sign(vector)
        checked += cross_check(vector, expected)
        out.append({**vector, "expected": expected})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "v3-vectors.json")
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"v3_vectors": out}, file, ensure_ascii=False, indent=2)
        file.write("\n")
    print(f"wrote {len(out)} vectors to {path}; {checked} cross-checked with tea-openapi")


if __name__ == "__main__":
    main()
