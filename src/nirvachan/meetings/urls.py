"""Pages of the meetings app, mounted at /meetings/."""

from django.urls import path

from nirvachan.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/minutes.pdf", views.minutes_pdf, name="pdf"),
    path("<int:meeting_id>/items/", views.item_add, name="item_add"),
    path("<int:meeting_id>/status/", views.meeting_status, name="status"),
    path("<int:meeting_id>/amendments/", views.amendment_add, name="amendment_add"),
    path("items/<int:item_id>/decisions/", views.decision_add, name="decision_add"),
    path("targets/<int:row_id>/progress/", views.progress_add, name="progress_add"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/<int:decision_id>/", views.decision_detail, name="decision"),
]
