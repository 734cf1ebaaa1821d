"""Until nirvachan/api.py mounts roll.api_applications' router (the lead's change), its tests
reach it through this URLconf: the site's URLs behind a second NinjaAPI that carries only that
router and the site API's error handlers. Once mounted, `mounted()` is True and the tests use
the site's own URLconf (and the access matrix lists the routes)."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

from nirvachan.api import api as site_api
from nirvachan.roll.api_applications import router
from nirvachan.urls import urlpatterns as site_urlpatterns


def mounted() -> bool:
    return any(r is router for _prefix, r in site_api._routers)


urlpatterns = list(site_urlpatterns)
if not mounted():
    _api = NinjaAPI(title="roll applications (test mount)", urls_namespace="api-roll-apply")
    _api._exception_handlers = site_api._exception_handlers
    _api.add_router("/", router)
    urlpatterns.insert(0, path("api/v1/", _api.urls))
