from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings

from nirvachan.core.models import AuditEvent, LoginFailure, Office, User
from nirvachan.core.roles import Role
from tests.factories import PASSWORD, Geo, user


@pytest.mark.django_db
class TestLogin:
    def test_login_success_redirects_and_audits(self, geo: Geo) -> None:
        user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        response = Client().post("/login/", {"username": "ro", "password": PASSWORD})
        assert response.status_code == 302 and response["Location"] == "/dashboard/"
        assert AuditEvent.objects.filter(event_type="user.logged_in").count() == 1

    def test_failures_are_throttled_even_with_the_right_password(self, geo: Geo) -> None:
        user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        client = Client()
        for _ in range(settings.LOGIN_MAX_FAILURES_PER_USERNAME):
            assert (
                client.post("/login/", {"username": "ro", "password": "wrong"}).status_code == 200
            )
        assert LoginFailure.objects.count() == settings.LOGIN_MAX_FAILURES_PER_USERNAME
        response = client.post("/login/", {"username": "ro", "password": PASSWORD})
        assert response.status_code == 429
        assert "Too many failed logins" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert AuditEvent.objects.filter(event_type="user.login_throttled").count() == 1

    def test_throttle_message_in_bengali(self, geo: Geo) -> None:
        client = Client(HTTP_ACCEPT_LANGUAGE="bn")
        for _ in range(settings.LOGIN_MAX_FAILURES_PER_USERNAME):
            client.post("/login/", {"username": "x", "password": "wrong"})
        response = client.post("/login/", {"username": "x", "password": "wrong"})
        assert "অনেকবার লগ ইন ব্যর্থ হয়েছে" in response.content.decode()

    def test_open_redirect_is_refused(self, geo: Geo) -> None:
        user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        response = Client().post(
            "/login/", {"username": "ro", "password": PASSWORD, "next": "https://evil.example/"}
        )
        assert response["Location"] == "/dashboard/"

    def test_logout_is_post_only_and_audited(self, geo: Geo) -> None:
        client = Client()
        client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
        assert client.get("/logout/").status_code == 405
        assert client.post("/logout/").status_code == 302
        assert client.get("/dashboard/").status_code == 302
        assert AuditEvent.objects.filter(event_type="user.logged_out").count() == 1


def test_sessions_expire_and_passwords_are_validated() -> None:
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert len(settings.AUTH_PASSWORD_VALIDATORS) == 4


@pytest.mark.django_db
class TestLanguage:
    def test_switch_is_remembered_on_the_user(self, geo: Geo) -> None:
        ro = user("ro", Role.RETURNING_OFFICER, geo.gopalganj)
        client = Client()
        client.force_login(ro)
        response = client.post("/language/", {"language": "bn", "next": "/dashboard/"})
        assert response.status_code == 302 and response["Location"] == "/dashboard/"
        assert User.objects.get(pk=ro.pk).preferred_language == "bn"
        assert "ড্যাশবোর্ড" in client.get("/dashboard/").content.decode()
        # a new device (no cookie): the login brings the language back
        fresh = Client()
        fresh.post("/login/", {"username": "ro", "password": PASSWORD})
        assert fresh.cookies[settings.LANGUAGE_COOKIE_NAME].value == "bn"
        html = fresh.get("/dashboard/").content.decode()
        assert '<html lang="bn">' in html and "রিটার্নিং অফিসার" in html

    def test_anonymous_switch_uses_a_cookie(self) -> None:
        client = Client()
        client.post("/language/", {"language": "hi"})
        html = client.get("/").content.decode()
        assert '<html lang="hi">' in html and "मुखपृष्ठ" in html

    def test_unknown_language_is_refused(self) -> None:
        response = Client().post("/language/", {"language": "xx"})
        assert response.status_code == 422


@pytest.mark.django_db
class TestPages:
    @pytest.mark.parametrize("role", Role.values)
    def test_dashboard_per_role(self, role: str, geo: Geo) -> None:
        client = Client()
        client.force_login(user(f"u-{role}", role, geo.gopalganj))
        html = client.get("/dashboard/").content.decode()
        assert f'data-dashboard="{role}"' in html
        assert f'data-role="{role}"' in html

    def test_dashboard_without_roles_shows_the_empty_state(self, db: None) -> None:
        client = Client()
        client.force_login(user("nobody"))
        assert "You hold no role yet" in client.get("/dashboard/").content.decode()

    def test_navigation_depends_on_role(self, geo: Geo) -> None:
        client = Client()
        client.force_login(user("po", Role.POLLING_OFFICER, geo.gopalganj))
        html = client.get("/dashboard/").content.decode()
        assert 'data-nav="offices"' not in html and 'data-nav="audit"' not in html
        client.force_login(user("adm", Role.COMMISSION_ADMIN, geo.bd))
        html = client.get("/dashboard/").content.decode()
        assert 'data-nav="offices"' in html and 'data-nav="audit"' in html

    def test_office_form_shows_field_errors_and_writes_nothing(self, geo: Geo) -> None:
        client = Client(HTTP_ACCEPT_LANGUAGE="bn")
        client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
        before = Office.objects.count()
        response = client.post(
            "/offices/new/",
            {"code": "EO-GOP", "kind": "district", "unit": "BD-DIS-51", "name_en": "Dup"},
        )
        assert response.status_code == 422
        assert "EO-GOP কোডের একটি কার্যালয় আগে থেকেই আছে।" in response.content.decode()
        assert Office.objects.count() == before

    def test_office_form_creates(self, geo: Geo) -> None:
        client = Client()
        client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
        response = client.post(
            "/offices/new/",
            {"code": "EO-TUN", "kind": "upazila", "unit": "BD-UPZ-385", "name_en": "Sadar office"},
        )
        office = Office.objects.get(code="EO-TUN")
        assert response.status_code == 302 and response["Location"] == f"/offices/{office.pk}/"

    def test_htmx_search_returns_the_rows_only(self, geo: Geo) -> None:
        client = Client()
        client.force_login(user("ro", Role.RETURNING_OFFICER, geo.gopalganj))
        html = client.get("/offices/", {"q": "Gopal"}, HTTP_HX_REQUEST="true").content.decode()
        assert "<html" not in html and "EO-GOP" in html

    def test_unknown_page_is_a_friendly_404(self, db: None) -> None:
        with override_settings(DEBUG=False):
            response = Client(HTTP_ACCEPT_LANGUAGE="bn").get("/no/such/page/")
        assert response.status_code == 404 and "এই পাতাটি নেই।" in response.content.decode()

    def test_units_page_in_bengali(self, geo: Geo) -> None:
        html = Client(HTTP_ACCEPT_LANGUAGE="bn").get("/units/BD-DIS-51/").content.decode()
        assert "গোপালগঞ্জ" in html and "কোটালীপাড়া" in html
        assert Client().get("/units/NOPE/").status_code == 404
