"""One English message, one meaning: no (msgctxt, msgid) may be translated two ways.

Django merges every app's catalogue and the project's LOCALE_PATHS into one gettext domain per
language, and the first catalogue to define a message wins everywhere. So when two catalogues of
the same language give one (msgctxt, msgid) different translations, one app's pages show the
other app's word (the roll's application status "Accepted" showed the elections app's "বৈধ",
a valid nomination). Two meanings get two contexts (`pgettext`, `{% translate … context … %}`,
`msgctxt`); two wordings of one meaning get one wording.

The check covers every catalogue in the source tree, the polling-station device's too (it merges
its own, the station core's and the project-wide catalogues), so one term reads the same in
every part of the system. A second check follows Django's search order (LOCALE_PATHS, then
INSTALLED_APPS in order, django.contrib.admin and auth before ours) so that no message of ours
is hidden by an earlier catalogue, and a third asks Django for every message of ours."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import translation

import nirvachan
from nirvachan.core.roles import Role
from tests.factories import user

PACKAGE = Path(nirvachan.__file__).resolve().parent

MessageKey = tuple[str, str | None, str | tuple[str, ...]]  # language, context, msgid


@dataclass(frozen=True)
class Collision:
    language: str
    context: str | None
    msgid: str | tuple[str, ...]
    translations: dict[str | tuple[str, ...], list[str]]  # msgstr → catalogues that give it

    def __str__(self) -> str:
        where = "; ".join(f"{s!r} in {', '.join(paths)}" for s, paths in self.translations.items())
        context = f" (msgctxt {self.context!r})" if self.context else ""
        return f"[{self.language}] {self.msgid!r}{context}: {where}"


def catalogue_paths(root: Path = PACKAGE) -> list[Path]:
    """Every django.po under the package: the apps' locale/ and the project's translations/."""
    found = set(root.rglob("locale/*/LC_MESSAGES/django.po"))
    found |= set(root.glob("translations/*/LC_MESSAGES/django.po"))
    return sorted(found)


Translation = str | tuple[str, ...]


def _entries(path: Path) -> list[tuple[MessageKey, Translation]]:
    """The catalogue's compiled messages as ((language, msgctxt, msgid), msgstr). The language
    is the catalogue's directory (<lang>/LC_MESSAGES/django.po). Only what the compile step
    writes to the .mo counts: untranslated and fuzzy entries are left out of it."""
    language = path.parent.parent.name
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    entries: list[tuple[MessageKey, Translation]] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id if isinstance(message.id, str) else tuple(message.id)
        msgstr = message.string if isinstance(message.string, str) else tuple(message.string)
        if not msgstr or (isinstance(msgstr, tuple) and not all(msgstr)):
            continue
        entries.append(((language, message.context, msgid), msgstr))
    return entries


def find_collisions(paths: list[Path]) -> list[Collision]:
    """The (msgctxt, msgid) pairs translated differently by two catalogues of one language."""
    seen: dict[MessageKey, dict[Translation, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in paths:
        for key, msgstr in _entries(path):
            seen[key][msgstr].append(_show(path))
    return [
        Collision(language, context, msgid, dict(translations))
        for (language, context, msgid), translations in sorted(seen.items(), key=repr)
        if len(translations) > 1
    ]


def find_shadowed(paths_by_precedence: list[Path], own: Path = PACKAGE) -> list[str]:
    """The messages of our own catalogues (under `own`) that Django never shows, because a
    catalogue it searches first (an earlier path) translates the same (msgctxt, msgid) another
    way; e.g. django.contrib.admin, listed before our apps, giving "Action" its own word."""
    own = own.resolve()
    first: dict[MessageKey, tuple[Translation, Path]] = {}
    shadowed = []
    for path in paths_by_precedence:
        for key, msgstr in _entries(path):
            if key not in first:
                first[key] = (msgstr, path)
            elif first[key][0] != msgstr and path.resolve().is_relative_to(own):
                winner, where = first[key]
                shadowed.append(
                    f"[{key[0]}] {key[2]!r} (msgctxt {key[1]!r}): {msgstr!r} in {_show(path)} "
                    f"is shadowed by {winner!r} in {_show(where)}"
                )
    return shadowed


def django_merge_order(locale_paths: list[Path], app_paths: list[Path]) -> list[Path]:
    """The catalogues in the order Django searches them: LOCALE_PATHS first to last, then each
    installed app's locale/ in INSTALLED_APPS order (Django's own catalogue, searched last,
    cannot hide ours)."""
    dirs = [*locale_paths, *(Path(a) / "locale" for a in app_paths)]
    return [po for d in dirs for po in sorted(Path(d).glob("*/LC_MESSAGES/django.po"))]


def _show(path: Path) -> str:
    try:
        return str(path.relative_to(PACKAGE))
    except ValueError:
        return str(path)


def test_no_message_is_translated_two_ways() -> None:
    collisions = find_collisions(catalogue_paths())
    assert not collisions, "\n".join(
        ["the same message is translated differently in two catalogues:"]
        + [str(c) for c in collisions]
    )


def _write_po(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
        encoding="utf-8",
    )
    return path


def test_the_check_finds_a_planted_collision(tmp_path: Path) -> None:
    one = _write_po(
        tmp_path / "one/locale/bn/LC_MESSAGES/django.po",
        'msgid "Accepted"\nmsgstr "গৃহীত"\n\n'
        'msgctxt "nomination status"\nmsgid "Accepted"\nmsgstr "বৈধ"\n\n'
        '#, fuzzy\nmsgid "Open"\nmsgstr "খুলুন"\n\n'
        'msgid "Close"\nmsgstr ""\n\n'
        'msgid "%(n)s vote"\nmsgid_plural "%(n)s votes"\nmsgstr[0] "%(n)s ভোট"\n'
        'msgstr[1] "%(n)s ভোট"\n',
    )
    two = _write_po(
        tmp_path / "two/locale/bn/LC_MESSAGES/django.po",
        'msgid "Accepted"\nmsgstr "বৈধ"\n\n'  # the collision
        'msgctxt "roll application status"\nmsgid "Accepted"\nmsgstr "গৃহীত"\n\n'
        'msgid "Open"\nmsgstr "চলমান"\n\n'  # the other one is fuzzy: not compiled
        'msgid "Close"\nmsgstr "বন্ধ"\n\n'  # the other one is untranslated
        'msgid "%(n)s vote"\nmsgid_plural "%(n)s votes"\nmsgstr[0] "%(n)s টি ভোট"\n'
        'msgstr[1] "%(n)s টি ভোট"\n',
    )
    hindi = _write_po(
        tmp_path / "two/locale/hi/LC_MESSAGES/django.po", 'msgid "Accepted"\nmsgstr "स्वीकृत"\n'
    )
    found = find_collisions([one, two, hindi])
    assert {(c.language, c.context, c.msgid) for c in found} == {
        ("bn", None, ("%(n)s vote", "%(n)s votes")),
        ("bn", None, "Accepted"),
    }
    assert len(found) == 2
    (accepted,) = [c for c in found if c.msgid == "Accepted"]
    assert accepted.translations == {"গৃহীত": [str(one)], "বৈধ": [str(two)]}
    assert "Accepted" in str(accepted)
    assert str(one) in str(accepted)
    assert str(two) in str(accepted)


def test_a_planted_catalogue_collides_with_the_real_ones(tmp_path: Path) -> None:
    planted = _write_po(
        tmp_path / "planted/locale/bn/LC_MESSAGES/django.po",
        'msgctxt "nomination status"\nmsgid "Accepted"\nmsgstr "গৃহীত"\n',
    )
    found = find_collisions([*catalogue_paths(), planted])
    assert [(c.language, c.context, c.msgid) for c in found] == [
        ("bn", "nomination status", "Accepted")
    ]
    assert str(planted) in found[0].translations["গৃহীত"]


def _po_files(locale_dir: Path) -> set[Path]:
    return {p.resolve() for p in Path(locale_dir).glob("*/LC_MESSAGES/*.po")}


def test_every_catalogue_django_merges_is_checked(tmp_path: Path) -> None:
    from nirvachan.station.web.conf import station_settings

    checked = {p.resolve() for p in catalogue_paths()}
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [
        Path(c.path) / "locale" for c in apps.get_app_configs() if c.name.startswith("nirvachan")
    ]
    dirs += [Path(p) for p in station_settings(tmp_path)["LOCALE_PATHS"]]
    merged = set().union(*(_po_files(d) for d in dirs))
    assert len(merged) >= 2 * 9  # bn and hi of translations/, seven apps and the station device
    assert merged <= checked, sorted(str(p) for p in merged - checked)


def _site_merge_order() -> list[Path]:
    return django_merge_order(
        [Path(p) for p in settings.LOCALE_PATHS], [Path(c.path) for c in apps.get_app_configs()]
    )


def test_no_message_of_ours_is_hidden_by_an_earlier_catalogue(tmp_path: Path) -> None:
    from nirvachan.station.web.conf import station_settings

    site = _site_merge_order()
    assert any("contrib/admin/locale" in str(p) for p in site)  # Django's apps are looked at
    device = django_merge_order(
        [Path(p) for p in station_settings(tmp_path)["LOCALE_PATHS"]], [PACKAGE / "station/web"]
    )
    shadowed = find_shadowed(site) + find_shadowed(device)
    assert not shadowed, "\n".join(shadowed)


def test_the_shadow_check_finds_a_planted_shadow(tmp_path: Path) -> None:
    admin = _write_po(
        tmp_path / "site-packages/admin/locale/bn/LC_MESSAGES/django.po",
        'msgid "Action"\nmsgstr "কার্য"\n\nmsgid "Filter"\nmsgstr "ফিল্টার"\n',
    )
    auth = _write_po(  # one of Django's apps hiding another: not ours to fix
        tmp_path / "site-packages/auth/locale/bn/LC_MESSAGES/django.po",
        'msgid "Filter"\nmsgstr "ছাঁকনি"\n',
    )
    ours = _write_po(
        tmp_path / "ours/app/locale/bn/LC_MESSAGES/django.po",
        'msgid "Action"\nmsgstr "কার্যক্রম"\n\n'  # hidden by the admin's "কার্য"
        'msgctxt "column of action buttons"\nmsgid "Action"\nmsgstr "কার্যক্রম"\n\n'
        'msgid "Filter"\nmsgstr "ফিল্টার"\n',  # the same word: nothing hidden
    )
    found = find_shadowed([admin, auth, ours], own=tmp_path / "ours")
    assert len(found) == 1
    assert "'Action' (msgctxt None)" in found[0] and str(admin) in found[0]
    assert find_shadowed([ours, admin, auth], own=tmp_path / "ours") == []


def test_django_shows_every_message_of_ours_as_its_catalogue_says() -> None:
    """End to end through the compile step and Django's merge: each message of our catalogues
    on the site, asked for the way the code asks (gettext / pgettext / n(p)gettext), reads as
    its catalogue says."""
    wrong = []
    for path in _site_merge_order():
        if not path.resolve().is_relative_to(PACKAGE):
            continue
        for (language, context, msgid), msgstr in _entries(path):
            with translation.override(language):
                if isinstance(msgid, tuple):
                    args = (msgid[0], msgid[1], 1)
                    got = (
                        translation.npgettext(context, *args)
                        if context
                        else translation.ngettext(*args)
                    )
                    want = msgstr[0]
                else:
                    got = (
                        translation.pgettext(context, msgid)
                        if context
                        else translation.gettext(msgid)
                    )
                    want = msgstr
            if got != want:
                wrong.append(f"[{language}] {msgid!r} ({context}) in {_show(path)}: {got!r}")
    assert not wrong, "\n".join(wrong)


# The contexts reach Django: Babel's compile step writes msgctxt entries to the .mo (as
# "context\x04msgid") and pgettext, {% translate … context … %} and the model labels find them.


@pytest.mark.parametrize(
    ("language", "nomination", "application"),
    [("bn", "বৈধ", "গৃহীত"), ("hi", "वैध", "स्वीकृत")],
)
def test_accepted_reads_differently_for_a_nomination_and_a_roll_application(
    language: str, nomination: str, application: str
) -> None:
    from nirvachan.elections.models import Nomination
    from nirvachan.roll.models import Application

    with translation.override(language):
        assert str(Nomination.Status.ACCEPTED.label) == nomination
        assert translation.pgettext("nomination status", "Accepted") == nomination
        assert str(Application.Status.ACCEPTED.label) == application
        assert translation.pgettext("roll application status", "Accepted") == application
    assert nomination != application


@pytest.mark.parametrize(
    ("language", "candidate", "expense"),
    [("bn", "শ্রেণি", "খাত"), ("hi", "श्रेणी", "मद")],
)
def test_category_reads_differently_for_a_candidate_and_an_expense(
    language: str, candidate: str, expense: str
) -> None:
    from nirvachan.elections.forms import NominationForm
    from nirvachan.monitoring.forms import ExpenseForm

    source = (
        '{% load i18n %}{% translate "Category" context "candidate category" %}|'
        '{% translate "Category" context "expense category" %}'
    )
    with translation.override(language):
        assert Template(source).render(Context()) == f"{candidate}|{expense}"
        assert str(NominationForm.base_fields["category"].label) == candidate
        assert str(ExpenseForm.base_fields["category"].label) == expense


@pytest.mark.parametrize(
    ("language", "decision", "incident", "link"),
    [("bn", "অমীমাংসিত", "চলমান", "খুলুন"), ("hi", "खुला", "खुली", "खोलें")],
)
def test_open_reads_differently_for_a_decision_an_incident_and_a_link(
    language: str, decision: str, incident: str, link: str
) -> None:
    from nirvachan.meetings.models import Decision

    source = '{% load i18n %}{% translate "Open" context "open incidents" %}|{% translate "Open" %}'
    with translation.override(language):
        assert str(Decision.Status.OPEN.label) == decision
        assert Template(source).render(Context()) == f"{incident}|{link}"


# The pages: the same English word "Accepted" reads as the roll's and as the nominations' word.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "own", "other"), [("bn", "গৃহীত", "বৈধ"), ("hi", "स्वीकृत", "वैध")]
)
def test_the_roll_queue_shows_an_accepted_application_in_the_roll_word(
    geo: Any, language: str, own: str, other: str
) -> None:
    from nirvachan.roll import services
    from tests.roll.factories import elector, make_roll

    roll = make_roll(geo)
    officer = user("ero", Role.RETURNING_OFFICER, geo.gopalganj)
    e = elector(roll.g1)
    application = services.correction_submit(
        elector=e, applicant_ref="A", changes={"name": "আব্দুল করিম"}
    )
    services.application_verify(actor=officer, application=application, report="ok")
    services.application_decide(actor=officer, application=application, accept=True)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(officer)
    html = client.get("/roll/applications/?status=accepted").content.decode()
    assert "আব্দুল করিম" in html or e.name in html
    assert f"<td>{own}</td>" in html
    assert other not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "own", "other"), [("bn", "বৈধ", "গৃহীত"), ("hi", "वैध", "स्वीकृत")]
)
def test_the_nominations_page_shows_an_accepted_nomination_in_the_elections_word(
    geo: Any, language: str, own: str, other: str
) -> None:
    from nirvachan.elections import services
    from tests.elections.factories import zila_parishad

    zp = zila_parishad(geo)
    services.nomination_scrutinise(
        nomination=services.nomination_file(contest=zp.chairman, name_bn="আবুল কালাম"), accept=True
    )
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
    url = f"/elections/zp2022-gop/contests/{zp.chairman.pk}/nominations/"
    html = client.get(url).content.decode()
    assert "আবুল কালাম" in html
    assert own in html
    assert other not in html
