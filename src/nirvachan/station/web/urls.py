"""URLs of the station device (its own URLconf; nothing here is mounted centrally)."""

from __future__ import annotations

from django.urls import path
from django.views.i18n import set_language

from nirvachan.station.web import kiosk, officers, presiding, views

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", set_language, name="set_language"),
    path("signin/<str:role>/", views.signin, name="signin"),
    path("signout/", views.signout, name="signout"),
    path("presiding/", presiding.dashboard, name="presiding"),
    path("presiding/mock/", presiding.mock_vote, name="presiding_mock"),
    path("presiding/seal/", presiding.seal, name="presiding_seal"),
    path("presiding/open/", presiding.open_poll, name="presiding_open"),
    path("presiding/close/", presiding.close_poll, name="presiding_close"),
    path("presiding/tokens/", presiding.tokens, name="presiding_tokens"),
    path("presiding/end/", presiding.end_poll, name="presiding_end"),
    path("presiding/records/", presiding.records, name="presiding_records"),
    path("presiding/records/<str:kind>/", presiding.record, name="presiding_record"),
    path("presiding/turnout/", presiding.turnout, name="presiding_turnout"),
    path("presiding/17c/", presiding.form17c, name="presiding_17c"),
    path("presiding/17c.pdf", presiding.form17c_pdf, name="presiding_17c_pdf"),
    path("presiding/package/", presiding.package, name="presiding_package"),
    path("presiding/log/", presiding.log, name="presiding_log"),
    path("po1/", officers.po1, name="po1"),
    path("po1/checkin/", officers.check_in, name="po1_checkin"),
    path("po2/", officers.po2, name="po2"),
    path("po2/pending/", officers.po2_pending, name="po2_pending"),
    path("po2/register/", officers.register, name="po2_register"),
    path("po3/", officers.po3, name="po3"),
    path("po3/enable/", officers.enable, name="po3_enable"),
    path("kiosk/", kiosk.kiosk, name="kiosk"),
    path("kiosk/state/", kiosk.state, name="kiosk_state"),
    path("kiosk/cast/", kiosk.cast, name="kiosk_cast"),
]

handler404 = "nirvachan.station.web.views.not_found"
handler500 = "nirvachan.station.web.views.server_error"
