from django.urls import path

from nirvachan.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.set_language_view, name="set_language"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("units/", views.units, name="units"),
    path("units/<str:code>/", views.units, name="unit_detail"),
    path("offices/", views.offices, name="offices"),
    path("offices/new/", views.office_new, name="office_new"),
    path("offices/<int:office_id>/", views.office_detail, name="office_detail"),
    path("offices/<int:office_id>/edit/", views.office_edit, name="office_edit"),
    path("audit/", views.audit_log, name="audit"),
]
