"""Public pages of the directory app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("members/", views.members, name="members"),
    path("members/<slug:slug>/", views.member_profile, name="member"),
    path("equipment/", views.equipment_list, name="equipment_list"),
    path("equipment/compare/", views.compare, name="compare"),
    path("equipment/compare/add/", views.compare_add, name="compare_add"),
    path("equipment/compare/remove/", views.compare_remove, name="compare_remove"),
    path("equipment/compare/clear/", views.compare_clear, name="compare_clear"),
    path("equipment/<int:pk>/", views.equipment_detail, name="equipment_detail"),
    path("equipment/<int:pk>/image/", views.equipment_image, name="equipment_image"),
]
