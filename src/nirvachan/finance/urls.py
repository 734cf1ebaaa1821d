"""Pages of the finance app, mounted at /finance/."""

from django.urls import path  # noqa: F401

app_name = "finance"
urlpatterns: list[object] = []
