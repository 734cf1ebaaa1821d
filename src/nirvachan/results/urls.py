"""Pages of the results app, mounted at /results/."""

from django.urls import path

from nirvachan.results import views

app_name = "results"
urlpatterns = [
    path("", views.results_index, name="index"),
    path("<slug:rs_code>/", views.election_results, name="election"),
    path("<slug:rs_code>/results.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("<slug:rs_code>/results.json", views.download, {"fmt": "json"}, name="json"),
    path("<slug:rs_code>/nist-1500-100.json", views.download, {"fmt": "nist"}, name="nist"),
    path("<slug:rs_code>/packages/", views.packages, name="packages"),
    path("<slug:rs_code>/contests/<int:rs_contest>/", views.contest_results, name="contest"),
    path("<slug:rs_code>/contests/<int:rs_contest>/desk/", views.counting_desk, name="desk"),
    path(
        "<slug:rs_code>/contests/<int:rs_contest>/form20.pdf",
        views.form20_pdf,
        name="form20",
    ),
]
