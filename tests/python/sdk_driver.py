#!/usr/bin/env python3
"""Drives an official Alibaba Cloud Python SDK against an SMC endpoint (the emulator).

    sdk_driver.py MODE HOST:PORT ACCESS_KEY_ID ACCESS_KEY_SECRET < calls.json

MODE is one of
  tea-v3   alibabacloud-smc20190601 on alibabacloud-tea-openapi, its default signature (V3)
  tea-v2   the same SDK with signature_algorithm='v2' (RPC signature v1)
  core-v1  aliyun-python-sdk-core with aliyun-python-sdk-smc (RPC signature v1)

Standard input is a JSON list of calls, each an object of DescribeReplicationJobs parameters
as the API names them (RegionId, Status, Name, PageNumber, PageSize, JobId: [..],
Tag: [{Key, Value}]); aliyun-python-sdk-core always sends its client's RegionId, cn-hangzhou.
Standard output is a JSON list with one result per call:
  {"ok": true, "TotalCount", "PageNumber", "PageSize", "Jobs": [{"JobId", "Name", "Status",
   "Tags": [{"Key", "Value"}]}]}
  {"ok": false, "code": "SignatureDoesNotMatch", "status": 400, "message", "type"}
It runs in the venv of `cargo xtask install python-sdk` (.tools/python-sdk).
"""

import json
import sys

REGION = "cn-hangzhou"


def tea_client(endpoint, key_id, secret, signature_algorithm):
    from alibabacloud_smc20190601.client import Client
    from alibabacloud_tea_openapi import models as open_api_models

    config = open_api_models.Config(
        access_key_id=key_id,
        access_key_secret=secret,
        endpoint=endpoint,
        protocol="http",
        region_id=REGION,
    )
    if signature_algorithm:
        config.signature_algorithm = signature_algorithm
    client = Client(config)

    def call(params):
        from alibabacloud_smc20190601 import models as smc_models

        request = smc_models.DescribeReplicationJobsRequest(
            region_id=params.get("RegionId"),
            status=params.get("Status"),
            name=params.get("Name"),
            page_number=params.get("PageNumber"),
            page_size=params.get("PageSize"),
            job_id=params.get("JobId"),
            tag=[
                smc_models.DescribeReplicationJobsRequestTag(key=t["Key"], value=t["Value"])
                for t in params.get("Tag", [])
            ]
            or None,
        )
        body = client.describe_replication_jobs(request).body.to_map()
        return body

    return call


def core_client(endpoint, key_id, secret):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdksmc.request.v20190601.DescribeReplicationJobsRequest import (
        DescribeReplicationJobsRequest,
    )

    client = AcsClient(key_id, secret, REGION, auto_retry=False)

    def call(params):
        request = DescribeReplicationJobsRequest()
        request.set_endpoint(endpoint)
        request.set_protocol_type("http")
        request.set_accept_format("json")
        if "Status" in params:
            request.set_Status(params["Status"])
        if "Name" in params:
            request.set_Name(params["Name"])
        if "PageNumber" in params:
            request.set_PageNumber(params["PageNumber"])
        if "PageSize" in params:
            request.set_PageSize(params["PageSize"])
        if "JobId" in params:
            request.set_JobIds(params["JobId"])
        if "Tag" in params:
            request.set_Tags(params["Tag"])
        return json.loads(client.do_action_with_exception(request))

    return call


def summary(body):
    """The page as the tests compare it, from the SDK's own reading of the answer."""
    jobs = (body.get("ReplicationJobs") or {}).get("ReplicationJob") or []
    return {
        "ok": True,
        "TotalCount": int(body["TotalCount"]),
        "PageNumber": int(body["PageNumber"]),
        "PageSize": int(body["PageSize"]),
        "Jobs": [
            {
                "JobId": job.get("JobId"),
                "Name": job.get("Name"),
                "Status": job.get("Status"),
                "Tags": [
                    {"Key": t.get("Key"), "Value": t.get("Value")}
                    for t in ((job.get("Tags") or {}).get("Tag") or [])
                ],
            }
            for job in jobs
        ],
    }


def failure(error):
    """The error code and HTTP status the SDK raised, as each SDK exposes them."""
    code = getattr(error, "code", None)
    if code is None and hasattr(error, "get_error_code"):
        code = error.get_error_code()
    status = getattr(error, "status_code", None)
    if status is None and hasattr(error, "get_http_status"):
        status = error.get_http_status()
    message = getattr(error, "message", None)
    if message is None and hasattr(error, "get_error_msg"):
        message = error.get_error_msg()
    return {
        "ok": False,
        "code": code,
        "status": status,
        "message": str(message if message is not None else error),
        "type": type(error).__name__,
    }


def main():
    mode, endpoint, key_id, secret = sys.argv[1:5]
    if mode == "tea-v3":
        call = tea_client(endpoint, key_id, secret, None)
    elif mode == "tea-v2":
        call = tea_client(endpoint, key_id, secret, "v2")
    elif mode == "core-v1":
        call = core_client(endpoint, key_id, secret)
    else:
        sys.exit(f"unknown mode {mode!r}: use tea-v3, tea-v2 or core-v1")
    results = []
    for params in json.load(sys.stdin):
        try:
            results.append(summary(call(params)))
        except Exception as error:  # every SDK has its own exception types
            results.append(failure(error))
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
