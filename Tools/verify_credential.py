#!/usr/bin/env python3
"""Verify a Waymark credential independently of Waymark, with the joserfc JOSE library.

    python3 Tools/verify_credential.py --jwks JWKS-FILE-OR-URL CREDENTIAL-FILE-OR-URL [--no-status]

Checks, as Open Badges 3.0 section 8.2 asks of a VC-JWT verifier:
  1. the signature (EdDSA / Ed25519), with the key named by the header's kid in the JWK Set;
  2. the registered claims: iss, jti, sub and nbf present, nbf not in the future, exp not passed;
  3. that the claims agree with the credential (iss = issuer.id, jti = id, sub =
     credentialSubject.id, nbf = validFrom, exp = validUntil) and that it is an OpenBadgeCredential;
  4. unless --no-status: each credentialStatus entry. A W3C BitstringStatusListEntry: the list
     it names is fetched, its signature checked with the same keys, its issuer and purpose
     checked, and the credential's bit (GZIP, base64url, index 0 the left-most bit) is clear.
     An older 1EdTechRevocationList: the document does not list it.
Prints what passed or which check failed; exits 0 only when every check passed.
"""

import argparse
import base64
import datetime
import gzip
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


def check_bitstring_entry(entry, credential, keys):
    """The credential's bit in a W3C Bitstring Status List, from the signed list it names."""
    url = entry.get("statusListCredential")
    purpose = entry.get("statusPurpose")
    try:
        index = int(entry.get("statusListIndex"))
        listed = jwt.decode(read(url).decode("utf-8").strip(), keys, algorithms=["EdDSA"]).claims
    except JoseError as error:
        raise CheckFailed(f"status: the {purpose} list at {url} is not signed by the issuer ({error})") from error
    except Exception as error:  # noqa: BLE001 (any failure to fetch or read means the status is unknown)
        raise CheckFailed(f"status: the {purpose} list could not be read from {url} ({error})") from error
    subject = listed.get("credentialSubject", {})
    issuer = credential.get("issuer", {})
    if "BitstringStatusListCredential" not in listed.get("type", []) or listed.get("id") != url:
        raise CheckFailed(f"status: {url} is not the BitstringStatusListCredential the credential names")
    if listed.get("issuer") != (issuer.get("id") if isinstance(issuer, dict) else issuer):
        raise CheckFailed(f"status: the list at {url} is issued by {listed.get('issuer')}, not the credential's issuer")
    if subject.get("statusPurpose") != purpose:
        raise CheckFailed(f"status: the list at {url} is for {subject.get('statusPurpose')}, not {purpose}")
    if "validUntil" in listed and seconds(listed["validUntil"]) <= datetime.datetime.now(datetime.timezone.utc).timestamp():
        raise CheckFailed(f"status: the list at {url} is out of date (valid until {listed['validUntil']})")
    encoded = subject.get("encodedList", "")
    if not encoded.startswith("u"):
        raise CheckFailed("status: encodedList is not multibase base64url (it must start with u)")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    if index < 0 or index >= len(bits) * 8:
        raise CheckFailed(f"status: index {index} is outside the {purpose} list")
    if bits[index // 8] & (0x80 >> (index % 8)):
        raise CheckFailed(f"status: the issuer lists it in its {purpose} list ({'revoked' if purpose == 'revocation' else 'suspended'})")


def check_revocation_list(entry, credential):
    """A credential Waymark signed before the W3C lists: its 1EdTechRevocationList document."""
    try:
        document = json.loads(read(entry["id"]))
    except Exception as error:  # noqa: BLE001 (any failure to fetch means the status is unknown)
        raise CheckFailed(f"status: could not be fetched from {entry.get('id')} ({error})") from error
    for listed in document.get("revokedCredentials", []):
        if listed.get("id") == credential["id"] and listed.get("revoked", True):
            raise CheckFailed(f"status: the issuer lists it as revoked or suspended ({document.get('status', 'revoked')})")
    if document.get("status") == "superseded":
        raise CheckFailed(f"status: replaced by a newer certificate, {document.get('supersededBy')}")


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
        entries = credential["credentialStatus"]
        for entry in entries if isinstance(entries, list) else [entries]:
            if entry.get("type") == "BitstringStatusListEntry":
                check_bitstring_entry(entry, credential, keys)
            else:
                check_revocation_list(entry, credential)
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
