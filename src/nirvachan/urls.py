from django.contrib import admin
from django.urls import include, path

from nirvachan.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("elections/", include("nirvachan.elections.urls")),
    path("finance/", include("nirvachan.finance.urls")),
    path("meetings/", include("nirvachan.meetings.urls")),
    path("roll/", include("nirvachan.roll.urls")),
    path("monitoring/", include("nirvachan.monitoring.urls")),
    path("results/", include("nirvachan.results.urls")),
    path("station/", include("nirvachan.station.urls")),
    path("", include("nirvachan.core.urls")),
]

handler403 = "nirvachan.core.views.forbidden"
handler404 = "nirvachan.core.views.not_found"
handler500 = "nirvachan.core.views.server_error"
