"""Pages of the elections app, mounted at /elections/."""

from django.urls import path  # noqa: F401

app_name = "elections"
urlpatterns: list[object] = []
