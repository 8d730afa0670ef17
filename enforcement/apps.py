from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = "Fakes Watch"
    default_auto_field = "django.db.models.BigAutoField"
