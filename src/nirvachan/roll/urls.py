"""Pages of the roll app, mounted at /roll/."""

from django.urls import path

from nirvachan.roll import views

app_name = "roll"
urlpatterns = [
    path("find/", views.find, name="find"),
    path("parts/", views.parts, name="parts"),
    path("parts/<int:part_id>/", views.part_detail, name="part_detail"),
    path("parts/<int:part_id>/pdf/", views.part_pdf, name="part_pdf"),
    path("electors/<str:epic>/", views.elector_detail, name="elector_detail"),
    path("applications/", views.applications, name="applications"),
    path(
        "applications/<int:application_id>/action/",
        views.application_action,
        name="application_action",
    ),
]
