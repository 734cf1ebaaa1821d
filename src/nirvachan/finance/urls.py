"""Pages of the finance app, mounted at /finance/."""

from django.urls import path

from nirvachan.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.orders, name="orders"),
    path("import/", views.order_import, name="order_import"),
    path("budget/", views.budget, name="budget"),
    path("summary/", views.summary, name="summary"),
    path("orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path("orders/<int:order_id>/pdf/", views.order_pdf, name="order_pdf"),
    path("orders/<int:order_id>/export/<str:fmt>/", views.order_export, name="order_export"),
    path("orders/<int:order_id>/issue/", views.order_issue, name="order_issue"),
    path("orders/<int:order_id>/cancel/", views.order_cancel, name="order_cancel"),
    path("offices/<int:office_id>/ledger/", views.ledger, name="ledger"),
]
