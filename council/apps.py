from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "시의회"
