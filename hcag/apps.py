from django.apps import AppConfig


class HcagConfig(AppConfig):
    name = "hcag"
    verbose_name = "Action-plan tracker"
