"""Public pages of the directory app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path

from . import open_views, views

app_name = "directory"

urlpatterns = [
    path("members/", views.members, name="members"),
    path("members.json", open_views.members_json, name="members_json"),
    path("members.csv", open_views.members_csv, name="members_csv"),
    path("members/feed/", open_views.members_feed, name="members_feed"),
    path("members/map/", open_views.members_by_region, name="map"),
    path("members/<slug:slug>/", views.member_profile, name="member"),
    path("members/<slug:slug>/logo/", views.member_logo, name="member_logo"),
    path("equipment/", views.equipment_list, name="equipment_list"),
    path("equipment/compare/", views.compare, name="compare"),
    path("equipment/compare/add/", views.compare_add, name="compare_add"),
    path("equipment/compare/remove/", views.compare_remove, name="compare_remove"),
    path("equipment/compare/clear/", views.compare_clear, name="compare_clear"),
    path("equipment/<int:pk>/", views.equipment_detail, name="equipment_detail"),
    path("equipment/<int:pk>/image/", views.equipment_image, name="equipment_image"),
]
