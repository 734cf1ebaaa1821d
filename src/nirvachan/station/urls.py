"""Pages of the polling-station app (central side), mounted at /station/."""

from __future__ import annotations

from django.urls import path

from nirvachan.station import views

app_name = "station"

urlpatterns = [
    path("turnout/<slug:st_election>/", views.turnout, name="turnout"),
]
