"""Pages of the elections app, mounted at /elections/."""

from django.urls import path

from nirvachan.elections import views

app_name = "elections"
_contest = "<slug:election_code>/contests/<int:contest_id>/"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("officer/", views.officer_contests, name="officer"),
    path("<slug:election_code>/", views.schedule, name="schedule"),
    path(_contest, views.contest_detail, name="contest"),
    path(_contest + "ballot.pdf", views.ballot_pdf, name="ballot_pdf"),
    path(_contest + "nominations/", views.nominations, name="nominations"),
    path(
        _contest + "nominations/<int:nomination_id>/scrutiny/",
        views.nomination_scrutiny,
        name="scrutiny",
    ),
    path(
        _contest + "nominations/<int:nomination_id>/withdraw/",
        views.nomination_withdraw,
        name="withdraw",
    ),
    path(_contest + "final-list/", views.final_list, name="final_list"),
]
