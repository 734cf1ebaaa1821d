"""Pages of the results app, mounted at /results/."""

from django.urls import path  # noqa: F401

app_name = "results"
urlpatterns: list[object] = []
