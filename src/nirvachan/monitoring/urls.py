"""Pages of the monitoring app, mounted at /monitoring/."""

from django.urls import path

from nirvachan.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bodies/<int:body_id>/", views.body_detail, name="body"),
    path("obligations/<int:obligation_id>/report/", views.report_submit, name="report"),
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/<int:incident_id>/", views.incident_detail, name="incident"),
    path("incidents/<int:incident_id>/move/", views.incident_move, name="incident_move"),
    path("report/", views.public_report, name="public_report"),
    path("follow/", views.follow, name="follow"),
]
