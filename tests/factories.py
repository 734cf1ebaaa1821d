"""Factories for tests: small admin trees, offices and users with roles."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from nirvachan.core.models import AdminUnit, Office, RoleAssignment, User

PASSWORD = "a-long-test-password-1"
_serial = count(1)


def unit(
    code: str,
    kind: str,
    parent: AdminUnit | None,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
) -> AdminUnit:
    path = f"{parent.path if parent else ''}{code}/"
    country = code[:2]
    return AdminUnit.objects.create(
        code=code,
        kind=kind,
        country=country,
        parent=parent,
        path=path,
        depth=(parent.depth + 1) if parent else 0,
        name_en=name_en,
        name_bn=name_bn,
        name_hi=name_hi,
    )


def office(unit_obj: AdminUnit, code: str | None = None, **fields: str) -> Office:
    code = code or f"OFF-{next(_serial)}"
    defaults = {"name_en": f"Office {code}", "kind": Office.Kind.DISTRICT}
    defaults.update(fields)
    return Office.objects.create(code=code, unit=unit_obj, **defaults)


def user(
    username: str, role: str | None = None, unit_obj: AdminUnit | None = None, **fields: str
) -> User:
    obj = User.objects.create_user(username=username, password=PASSWORD, **fields)
    if role and unit_obj:
        RoleAssignment.objects.create(user=obj, role=role, unit=unit_obj)
    return obj


@dataclass
class Geo:
    bd: AdminUnit
    dhaka: AdminUnit
    gopalganj: AdminUnit
    kotalipara: AdminUnit
    gopalganj_sadar: AdminUnit
    kishoreganj: AdminUnit
    kuliarchar: AdminUnit
    india: AdminUnit
    up: AdminUnit
    gopalganj_office: Office
    kishoreganj_office: Office
    up_office: Office


def make_geo() -> Geo:
    K = AdminUnit.Kind
    bd = unit("BD", K.COUNTRY, None, "Bangladesh", "বাংলাদেশ")
    dhaka = unit("BD-DIV-6", K.DIVISION, bd, "Dhaka", "ঢাকা")
    gopalganj = unit("BD-DIS-51", K.DISTRICT, dhaka, "Gopalganj", "গোপালগঞ্জ")
    kotalipara = unit("BD-UPZ-388", K.UPAZILA, gopalganj, "Kotalipara", "কোটালীপাড়া")
    sadar = unit("BD-UPZ-385", K.UPAZILA, gopalganj, "Gopalganj Sadar", "গোপালগঞ্জ সদর")
    kishoreganj = unit("BD-DIS-45", K.DISTRICT, dhaka, "Kishoreganj", "কিশোরগঞ্জ")
    kuliarchar = unit("BD-UPZ-351", K.UPAZILA, kishoreganj, "Kuliarchar", "কুলিয়ারচর")
    india = unit("IN", K.COUNTRY, None, "India", "ভারত", "भारत")
    up = unit("IN-UP", K.STATE, india, "Uttar Pradesh", "", "उत्तर प्रदेश")
    return Geo(
        bd,
        dhaka,
        gopalganj,
        kotalipara,
        sadar,
        kishoreganj,
        kuliarchar,
        india,
        up,
        office(
            gopalganj,
            "EO-GOP",
            name_en="District Election Office, Gopalganj",
            name_bn="জেলা নির্বাচন অফিস, গোপালগঞ্জ",
        ),
        office(
            kishoreganj,
            "EO-KIS",
            name_en="District Election Office, Kishoreganj",
            name_bn="জেলা নির্বাচন অফিস, কিশোরগঞ্জ",
        ),
        office(
            up,
            "EO-UP",
            name_en="Chief Electoral Officer, Uttar Pradesh",
            name_hi="मुख्य निर्वाचन अधिकारी, उत्तर प्रदेश",
            kind=Office.Kind.REGIONAL,
        ),
    )
