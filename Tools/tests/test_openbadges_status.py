"""Waymark's credentials checked by openbadgeslib (an Open Badges library from PyPI that Waymark
does not control), fetched over HTTP from a real `waymark serve`.

openbadgeslib checks the signature against the key it is given (each taken from the server's
/.well-known/jwks.json by the kid in the credential's header), the Open Badges 3.0 structure and
claims, and the status: it fetches the W3C Bitstring Status Lists the credential names, checks
each list's own signature with the same key, and reads the credential's bit. The state is
changed on the server with the `waymark certificates` commands on the same data folder, and the
same credential, fetched once, is checked again each time: nothing is issued again.

With `--issuer-did` the issuer is the did:web of the site, and openbadgeslib resolves it (as
its `--resolve-did` does) to the DID document at /.well-known/did.json, finding the key the
credential's kid names without being handed the JWK Set.
"""

import json

import pytest

from running_waymark import RunningWaymark, jose_header, jose_payload

openbadgeslib = pytest.importorskip(
    "openbadgeslib", reason="openbadgeslib is not installed: python3 -m pip install openbadgeslib (CI's .ci/run does)"
)
from openbadgeslib.ob3.verifier import OB3Verifier, OB3VerificationError  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with RunningWaymark.demo(tmp_path_factory.mktemp("openbadges")) as running:
        yield running


def credential(server, holder):
    return server.get(f"/credentials/{server.code(holder)}.jwt").decode().strip()


def verify(server, token):
    """openbadgeslib's verdict: the credential, or OB3VerificationError saying what failed."""
    verifier = OB3Verifier(pubkey_pem=server.public_key_pem(jose_header(token)["kid"]))
    return verifier.verify(token, check_status=True, download=server.fetch)


def test_a_valid_certificate_passes_with_its_structure_and_both_status_lists(server):
    token = credential(server, "Jamal Reid")
    checked = verify(server, token)
    assert checked.achievement.name == "Certified Peer Mentor"
    assert checked.issuer.id == server.base
    entries = jose_payload(token)["credentialStatus"]
    assert sorted(entry["statusPurpose"] for entry in entries) == ["revocation", "suspension"]
    for entry in entries:
        assert entry["type"] == "BitstringStatusListEntry"
        assert entry["statusListCredential"] == f"{server.base}/status-lists/1/{entry['statusPurpose']}"
        assert entry["id"] != entry["statusListCredential"]
        assert entry["statusListIndex"].isdigit()


def test_a_suspended_one_fails_for_suspension_and_a_revoked_one_for_revocation(server):
    with pytest.raises(OB3VerificationError, match="'suspension' is set"):
        verify(server, credential(server, "Maya Patel"))
    with pytest.raises(OB3VerificationError, match="'revocation' is set"):
        verify(server, credential(server, "Nathan Brooks"))


def test_the_same_credential_follows_each_change_on_the_server(server):
    code = server.code("Kerry Walsh")
    token = credential(server, "Kerry Walsh")
    verify(server, token)

    server.command("certificates", "suspend", code, "--reason", "A concern is being looked into")
    with pytest.raises(OB3VerificationError, match="'suspension' is set"):
        verify(server, token)

    server.command("certificates", "reinstate", code)
    verify(server, token)

    server.command("certificates", "revoke", code, "--reason", "Withdrawn")
    with pytest.raises(OB3VerificationError, match="'revocation' is set"):
        verify(server, token)


def test_one_changed_character_fails(server):
    header, payload, signature = credential(server, "Jamal Reid").split(".")
    middle = len(payload) // 2
    changed = payload[:middle] + ("A" if payload[middle] != "A" else "B") + payload[middle + 1:]
    with pytest.raises(OB3VerificationError):
        verify(server, f"{header}.{changed}.{signature}")


def test_the_lists_are_served_for_caches(server):
    for purpose in ("revocation", "suspension"):
        path = f"/status-lists/1/{purpose}"
        response = server.response(path)
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/vc+jwt"
        assert "max-age=" in response.headers["Cache-Control"]
        assert response.headers["ETag"] and response.headers["Last-Modified"]
        listed = jose_payload(response.body.decode())
        assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        assert listed["credentialSubject"]["statusPurpose"] == purpose
        assert listed["credentialSubject"]["encodedList"].startswith("u")
        again = server.response(path, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status == 304
        head = server.response(path, method="HEAD")
        assert head.status == 200 and head.body == b"" and head.headers["ETag"] == response.headers["ETag"]
    assert server.response("/status-lists/2/revocation").status == 404
    assert server.response("/status-lists/1/expiry").status == 404


@pytest.fixture(scope="module")
def did_server(tmp_path_factory):
    with RunningWaymark.demo(tmp_path_factory.mktemp("openbadges-did"), environment={"WAYMARK_ISSUER_DID": "1"}) as running:
        yield running


def verify_by_did(server, token):
    """openbadgeslib's verdict with only the issuer's DID to go on, as `--resolve-did` does."""
    issuer = jose_payload(token)["iss"]
    verifier = OB3Verifier.for_issuer_did(issuer, download=server.fetch)
    return verifier.verify(token, check_status=True, download=server.fetch)


def test_a_did_web_issuer_is_resolved_to_its_keys(did_server):
    did = f"did:web:127.0.0.1%3A{did_server.port}"
    document = json.loads(did_server.get("/.well-known/did.json"))
    assert document["id"] == did
    published = {key["kid"] for key in did_server.jwks()["keys"]}
    assert {method["id"] for method in document["verificationMethod"]} == {f"{did}#{kid}" for kid in published}

    token = credential(did_server, "Jamal Reid")
    assert jose_header(token)["kid"].startswith(did + "#")
    checked = verify_by_did(did_server, token)
    assert checked.issuer.id == did
    with pytest.raises(OB3VerificationError, match="'suspension' is set"):
        verify_by_did(did_server, credential(did_server, "Maya Patel"))

    # After a rotation the old key stays in the document, so what it signed still resolves.
    did_server.command("keys", "rotate")
    assert len(json.loads(did_server.get("/.well-known/did.json"))["verificationMethod"]) == 2
    verify_by_did(did_server, token)


def test_without_issuer_did_there_is_no_did_document(server):
    assert server.response("/.well-known/did.json").status == 404
