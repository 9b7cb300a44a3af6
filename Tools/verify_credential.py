#!/usr/bin/env python3
"""Verify a Waymark credential independently of Waymark, with the joserfc JOSE library.

    python3 Tools/verify_credential.py --jwks JWKS-FILE-OR-URL CREDENTIAL-FILE-OR-URL [--no-status]

Checks, as Open Badges 3.0 section 8.2 asks of a VC-JWT verifier:
  1. the signature (EdDSA / Ed25519), with the key named by the header's kid in the JWK Set;
  2. the registered claims: iss, jti, sub and nbf present, nbf not in the future, exp not passed;
  3. that the claims agree with the credential (iss = issuer.id, jti = id, sub =
     credentialSubject.id, nbf = validFrom, exp = validUntil) and that it is an OpenBadgeCredential;
  4. unless --no-status: the credentialStatus (a 1EdTechRevocationList) does not list it.
Prints what passed or which check failed; exits 0 only when every check passed.
"""

import argparse
import datetime
import json
import sys
import urllib.request
import warnings

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

OB_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/context"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"

# Open Badges 3.0 names the algorithm "EdDSA"; RFC 9864 prefers the fully-specified "Ed25519"
# and joserfc warns about the older name. Same signature, so the warning is only noise here.
warnings.filterwarnings("ignore", message="EdDSA is deprecated")


class CheckFailed(Exception):
    """A check that did not pass, with what to say about it."""


def read(source):
    """The bytes at a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=10) as response:  # noqa: S310 (http and https only)
            return response.read()
    with open(source, "rb") as handle:
        return handle.read()


def seconds(text):
    """An RFC 3339 date-time as whole seconds since 1970."""
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def verify(token_text, jwks, check_status=True):
    """Every check in turn; returns the claims, or raises CheckFailed naming the check."""
    try:
        keys = KeySet.import_key_set(jwks)
    except (JoseError, ValueError, KeyError, TypeError) as error:
        raise CheckFailed(f"keys: not a usable JWK Set ({error})") from error
    try:
        token = jwt.decode(token_text.strip(), keys, algorithms=["EdDSA"])
    except JoseError as error:
        raise CheckFailed(f"signature: {error.__class__.__name__}: {error}") from error
    except (ValueError, KeyError, TypeError) as error:
        raise CheckFailed(f"format: {error}") from error

    claims = token.claims
    registry = jwt.JWTClaimsRegistry(
        iss={"essential": True}, jti={"essential": True}, sub={"essential": True}, nbf={"essential": True}
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise CheckFailed(f"claims/dates: {error.__class__.__name__}: {error}") from error

    # Open Badges 3.0 with VC 2.0: the payload is the credential itself.
    credential = claims
    contexts = credential.get("@context", [])
    if not contexts or contexts[0] != VC_CONTEXT or not any(str(c).startswith(OB_CONTEXT_PREFIX) for c in contexts):
        raise CheckFailed("format: the VC 2.0 and Open Badges 3.0 contexts are missing")
    if "OpenBadgeCredential" not in credential.get("type", []):
        raise CheckFailed("format: it is not an OpenBadgeCredential")
    issuer = credential.get("issuer", {})
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    expected = {
        "iss": issuer_id,
        "jti": credential.get("id"),
        "sub": credential.get("credentialSubject", {}).get("id"),
        "nbf": seconds(credential["validFrom"]) if "validFrom" in credential else None,
    }
    if "validUntil" in credential or "exp" in claims:
        expected["exp"] = seconds(credential["validUntil"]) if "validUntil" in credential else None
    for claim, value in expected.items():
        if claims.get(claim) != value:
            raise CheckFailed(f"claims: {claim} is {claims.get(claim)!r} but the credential says {value!r}")

    if check_status and "credentialStatus" in credential:
        status = credential["credentialStatus"]
        try:
            document = json.loads(read(status["id"]))
        except Exception as error:  # noqa: BLE001 (any failure to fetch means the status is unknown)
            raise CheckFailed(f"status: could not be fetched from {status.get('id')} ({error})") from error
        for entry in document.get("revokedCredentials", []):
            if entry.get("id") == credential["id"] and entry.get("revoked", True):
                raise CheckFailed(f"status: the issuer lists it as revoked or suspended ({document.get('status', 'revoked')})")
        if document.get("status") == "superseded":
            raise CheckFailed(f"status: replaced by a newer certificate, {document.get('supersededBy')}")
    return claims


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a Waymark Open Badges 3.0 VC-JWT with joserfc.")
    parser.add_argument("credential", help="the .jwt, as a file or an http(s) URL")
    parser.add_argument("--jwks", required=True, help="the issuer's JWK Set, as a file or an http(s) URL")
    parser.add_argument("--no-status", action="store_true", help="do not fetch the credential's status")
    arguments = parser.parse_args(argv)
    try:
        token_text = read(arguments.credential).decode("utf-8")
        jwks = json.loads(read(arguments.jwks))
        claims = verify(token_text, jwks, check_status=not arguments.no_status)
    except CheckFailed as failure:
        print(f"FAILED {failure}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"FAILED input: {error}", file=sys.stderr)
        return 1
    subject = claims.get("credentialSubject", {})
    print(f"OK {claims.get('name')} held by {subject.get('name')}, issued by {claims['iss']} ({claims['jti']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
