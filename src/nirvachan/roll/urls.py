"""Pages of the roll app, mounted at /roll/."""

from django.urls import path

from nirvachan.roll import views

app_name = "roll"
urlpatterns = [
    path("find/", views.find, name="find"),
    path("apply/", views.apply, name="apply"),
    path("apply/form6/", views.apply_inclusion, name="apply_form6"),
    path("apply/form7/", views.apply_deletion, name="apply_form7"),
    path("apply/form8/", views.apply_correction, name="apply_form8"),
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
    path(
        "applications/<int:application_id>/notice/",
        views.application_notice_pdf,
        name="application_notice",
    ),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/load/", views.duplicates_load, name="duplicates_load"),
    path("duplicates/<int:pair_id>/decide/", views.duplicate_decide, name="duplicate_decide"),
]
