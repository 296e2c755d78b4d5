import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from . import metrics, views

admin.site.site_header = _("Samverkansportalen – administration")
admin.site.site_title = _("Samverkansportalen")
admin.site.index_title = _("Coordinators' desk")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("portal.account_urls")),
    path("accounts/", include("allauth.urls")),
    path("sida/<slug:slug>/", views.site_page, name="site_page"),
    path("skrivbord/", views.desk, name="desk"),
    path("tjanstepersoner/", views.officials_page, name="officials"),
    path("foreningar/", include("organisations.urls")),
    path("forum/", include("dialogues.urls")),
    path("samverkan/", include("partnerships.urls")),
    path("enkater/", include("surveys.urls")),
    path("en-vag-in/", include("portal.inquiries.urls")),
    path("hitta-ratt/", include("portal.contacts.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # Uploaded files are few and small (association logos, checked by Pillow), so the
    # app serves them itself; a site with a CDN or object storage turns this off.
    urlpatterns += [
        re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")), views.media)
    ]
