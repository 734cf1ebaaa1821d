"""Pages of the monitoring app, mounted at /monitoring/."""

from django.urls import path  # noqa: F401

app_name = "monitoring"
urlpatterns: list[object] = []
