"""Every write of the core app (DESIGN.md convention 1): typed, keyword-only, atomic, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nirvachan.core import events
from nirvachan.core.audit import audit_record
from nirvachan.core.errors import CoreErrorCode, DomainError
from nirvachan.core.models import AdminUnit, Language, LoginFailure, Office, RoleAssignment, User
from nirvachan.core.roles import Capability, Role
from nirvachan.core.selectors import require_scope


def _require(actor: Any, capability: Capability, unit: AdminUnit) -> str:
    if actor is None:  # core's writes always name their actor
        raise DomainError(CoreErrorCode.NOT_AUTHENTICATED, _("Please log in."))
    return require_scope(actor, capability, unit)


# --- users and roles -----------------------------------------------------------------------


def user_create(
    *,
    actor: Any = None,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "",
    check_password: bool = True,
) -> User:
    username = username.strip()
    if not username:
        raise DomainError(CoreErrorCode.VALIDATION, _("A user name is required."), field="username")
    if preferred_language and preferred_language not in Language.values:
        raise DomainError(
            CoreErrorCode.VALIDATION, _("Unknown language."), field="preferred_language"
        )
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if check_password:
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise DomainError(
                CoreErrorCode.VALIDATION, " ".join(exc.messages), field="password"
            ) from None
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise DomainError(
                CoreErrorCode.DUPLICATE,
                _("The user name %(name)s is taken.") % {"name": username},
                field="username",
            )
        candidate.preferred_language = preferred_language
        candidate.set_password(password)
        candidate.save()
        audit_record(
            event_type=events.USER_CREATED,
            actor=actor,
            obj=candidate,
            summary={"username": username},
        )
    return candidate


def role_assign(*, actor: Any = None, user: User, role: str, unit: AdminUnit) -> RoleAssignment:
    if role not in Role.values:
        raise DomainError(
            CoreErrorCode.VALIDATION, _("Unknown role %(role)s.") % {"role": role}, field="role"
        )
    actor_role = ""
    if actor is not None:
        actor_role = _require(actor, Capability.USER_MANAGE, unit)
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
        if created:
            audit_record(
                event_type=events.ROLE_ASSIGNED,
                actor=actor,
                actor_role=actor_role,
                obj=assignment,
                summary={"user": user.username, "role": role, "unit": unit.code},
            )
    return assignment


def user_language_set(*, user: User, language: str) -> None:
    if language not in Language.values:
        raise DomainError(CoreErrorCode.VALIDATION, _("Unknown language."), field="language")
    if user.preferred_language == language:
        return
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        user.preferred_language = language
        audit_record(
            event_type=events.USER_LANGUAGE_CHANGED,
            actor=user,
            obj=user,
            summary={"language": language},
        )


# --- login throttling ----------------------------------------------------------------------


def login_attempt_check(*, username: str, address: str | None) -> None:
    """Refuse a login attempt after too many recent failures for the name or the address."""
    since = timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    by_name = recent.filter(username=username.lower()).count()
    by_address = recent.filter(address=address).count() if address else 0
    if (
        by_name >= settings.LOGIN_MAX_FAILURES_PER_USERNAME
        or by_address >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS
    ):
        with transaction.atomic():
            audit_record(
                event_type=events.USER_LOGIN_THROTTLED,
                summary={"username": username[:150], "address": address or ""},
            )
        minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
        raise DomainError(
            CoreErrorCode.THROTTLED,
            _("Too many failed logins. Try again in %(minutes)s minutes.") % {"minutes": minutes},
            retry_after=settings.LOGIN_FAILURE_WINDOW_SECONDS,
        )


def login_failure_record(*, username: str, address: str | None) -> None:
    with transaction.atomic():
        LoginFailure.objects.create(
            username=username.lower()[:150], address=address, at=timezone.now()
        )
        audit_record(
            event_type=events.USER_LOGIN_FAILED,
            summary={"username": username[:150], "address": address or ""},
        )


def login_success_record(*, user: User, address: str | None) -> None:
    with transaction.atomic():
        LoginFailure.objects.filter(username=user.get_username().lower()).delete()
        audit_record(
            event_type=events.USER_LOGGED_IN,
            actor=user,
            obj=user,
            summary={"address": address or ""},
        )


def logout_record(*, user: User) -> None:
    with transaction.atomic():
        audit_record(event_type=events.USER_LOGGED_OUT, actor=user, obj=user)


# --- offices -------------------------------------------------------------------------------

OFFICE_FIELDS = ("name_en", "name_bn", "name_hi", "address", "phone", "email", "is_active", "kind")


def _office_validate(*, name_en: str, kind: str) -> None:
    if not name_en.strip():
        raise DomainError(
            CoreErrorCode.VALIDATION, _("The English name is required."), field="name_en"
        )
    if kind not in Office.Kind.values:
        raise DomainError(
            CoreErrorCode.VALIDATION,
            _("Unknown office kind %(kind)s.") % {"kind": kind},
            field="kind",
        )


def office_create(
    *,
    actor: Any,
    code: str,
    kind: str,
    unit: AdminUnit,
    name_en: str,
    name_bn: str = "",
    name_hi: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Office:
    actor_role = _require(actor, Capability.OFFICE_CHANGE, unit)
    code = code.strip().upper()
    if not code:
        raise DomainError(CoreErrorCode.VALIDATION, _("A code is required."), field="code")
    _office_validate(name_en=name_en, kind=kind)
    office = Office(
        code=code,
        kind=kind,
        unit=unit,
        name_en=name_en.strip(),
        name_bn=name_bn.strip(),
        name_hi=name_hi.strip(),
        address=address.strip(),
        phone=phone.strip(),
        email=email.strip(),
    )
    try:
        with transaction.atomic():
            office.save()
            audit_record(
                event_type=events.OFFICE_CREATED,
                actor=actor,
                actor_role=actor_role,
                obj=office,
                summary={"code": code, "unit": unit.code, "name_en": office.name_en},
            )
    except IntegrityError:
        raise DomainError(
            CoreErrorCode.DUPLICATE,
            _("An office with the code %(code)s exists already.") % {"code": code},
            field="code",
        ) from None
    return office


def office_update(*, actor: Any, office: Office, **changes: Any) -> Office:
    unknown = set(changes) - set(OFFICE_FIELDS)
    if unknown:
        raise DomainError(
            CoreErrorCode.VALIDATION,
            _("These fields cannot be changed: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))},
        )
    actor_role = _require(actor, Capability.OFFICE_CHANGE, office.unit)
    _office_validate(
        name_en=changes.get("name_en", office.name_en), kind=changes.get("kind", office.kind)
    )
    diff = {
        key: [getattr(office, key), value]
        for key, value in changes.items()
        if getattr(office, key) != value
    }
    if not diff:
        return office
    with transaction.atomic():
        for key, value in changes.items():
            setattr(office, key, value.strip() if isinstance(value, str) else value)
        office.save()
        audit_record(
            event_type=events.OFFICE_UPDATED,
            actor=actor,
            actor_role=actor_role,
            obj=office,
            summary={"changes": diff},
        )
    return office
