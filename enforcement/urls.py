from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Fakes Watch administration"
admin.site.site_title = "Fakes Watch"
admin.site.index_title = "Review and data entry"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("enforcement.dashboard_urls")),
]
