"""Households behind one carrier-NAT address: a device cookie from the find page moves the
lookup limit from the address to the device, with a wider limit left on the address; the walk
rule stays on the address; a forged cookie counts for nothing."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from nirvachan.roll.api import DEVICE_COOKIE
from tests.factories import Geo
from tests.roll.factories import Roll, make_roll

NAT = "100.64.0.1"


@pytest.fixture
def roll(geo: Geo) -> Roll:
    return make_roll(geo)


def _device() -> Client:
    """A browser behind the NAT address that has opened the find page."""
    client = Client(REMOTE_ADDR=NAT)
    assert client.get("/roll/find/").status_code == 200
    assert client.cookies[DEVICE_COOKIE].value
    return client


def _lookup(client: Client, key: str) -> int:
    return client.get(f"/api/v1/roll/electors/{key}").status_code


@pytest.mark.django_db
@override_settings(ROLL_RATE_LIMITS={"lookup": (3, 60), "lookup_address": (10, 60)})
def test_devices_behind_one_address_each_have_the_limit(roll: Roll) -> None:
    households = [_device() for _ in range(3)]
    spread = ["ABC0000100", "PQR0005000", "XYZ0090000"]  # no walk
    # 3 households × 3 lookups = 9 from one address: over 3, none refused.
    assert [_lookup(c, k) for c in households for k in spread] == [404] * 9
    assert _lookup(households[0], "LMN0000700") == 429  # the device's own limit
    # Without a cookie the address has its own 3 (the per-address count, as before).
    bare = Client(REMOTE_ADDR=NAT)
    assert [_lookup(bare, k) for k in spread] == [404, 404, 404]
    assert _lookup(bare, "LMN0000700") == 429
    # The address's wider limit binds the devices together: the 10th and 11th device lookups.
    fourth = _device()
    assert _lookup(fourth, "DEF0001000") == 404  # device lookups from the address: 10
    response = fourth.get("/api/v1/roll/electors/DEF0300000")  # the device's 2nd of 3
    assert response.status_code == 429 and int(response["Retry-After"]) <= 60


@pytest.mark.django_db
def test_a_walk_is_seen_across_devices_of_one_address(roll: Roll) -> None:
    devices = [_device() for _ in range(6)]
    statuses = [_lookup(devices[n], f"ABC000000{n}") for n in range(6)]
    assert statuses[:5] == [404] * 5 and statuses[5] == 429  # five steps of one: a walk


@pytest.mark.django_db
@override_settings(ROLL_RATE_LIMITS={"lookup": (2, 60)})
def test_a_forged_device_cookie_counts_as_none(roll: Roll) -> None:
    real = _device().cookies[DEVICE_COOKIE].value
    forged = Client(REMOTE_ADDR="10.9.9.9")
    forged.cookies[DEVICE_COOKIE] = real[:-2] + ("AA" if not real.endswith("AA") else "BB")
    assert [_lookup(forged, k) for k in ("ABC0000100", "PQR0005000")] == [404, 404]
    assert _lookup(forged, "XYZ0090000") == 429  # the address's 2, as without a cookie


@pytest.mark.django_db
@override_settings(ROLL_RATE_LIMITS={"device": (2, 3600)})
def test_an_address_is_given_a_few_devices_an_hour(roll: Roll) -> None:
    given = []
    for _ in range(4):
        client = Client(REMOTE_ADDR=NAT)
        client.get("/roll/find/")
        given.append(DEVICE_COOKIE in client.cookies)
    assert given == [True, True, False, False]
    elsewhere = Client(REMOTE_ADDR="10.1.1.1")
    assert DEVICE_COOKIE in elsewhere.get("/roll/find/").cookies  # another address: given
    assert DEVICE_COOKIE not in elsewhere.get("/roll/find/").cookies  # kept, not renewed
