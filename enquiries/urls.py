"""Public pages of the enquiries app, mounted under the language prefix by dkz_site.urls."""

from django.urls import path

from . import views

app_name = "enquiries"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
    path("contact/<int:number>/answer/<str:token>/", views.answer, name="answer"),
    path("contact/answer/sent/", views.answer_sent, name="answer_sent"),
]
