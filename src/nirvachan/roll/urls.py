"""Pages of the roll app, mounted at /roll/."""

from django.urls import path  # noqa: F401

app_name = "roll"
urlpatterns: list[object] = []
