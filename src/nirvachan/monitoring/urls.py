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
    path("circulars/", views.circular_list, name="circulars"),
    path("circulars/new/", views.circular_new, name="circular_new"),
    path("circulars/<int:circular_id>/", views.circular_detail, name="circular"),
    path("circulars/<int:circular_id>/issue/", views.circular_issue, name="circular_issue"),
    path("circulars/<int:circular_id>/pdf/", views.circular_pdf, name="circular_pdf"),
    path(
        "circulars/recipients/<int:recipient_id>/acknowledge/",
        views.circular_acknowledge,
        name="circular_acknowledge",
    ),
    path("expenses/", views.expenses, name="expenses"),
    path("expenses/add/", views.expense_add, name="expense_add"),
    path("expenses/limits/", views.expense_limits, name="expense_limits"),
    path("expenses/<int:expense_id>/correct/", views.expense_correct, name="expense_correct"),
    path("expenses/<int:expense_id>/withdraw/", views.expense_withdraw, name="expense_withdraw"),
    path("rules/", views.rules, name="rules"),
    path("rules/save/", views.rule_save, name="rule_save"),
    path("rules/<int:rule_id>/delete/", views.rule_delete, name="rule_delete"),
    path("notices/<int:notice_id>/", views.incident_notice_pdf, name="incident_notice"),
    path("report/", views.public_report, name="public_report"),
    path("follow/", views.follow, name="follow"),
]
