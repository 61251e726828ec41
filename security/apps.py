from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Security event log"

    def ready(self):
        from security import receivers

        receivers.connect()
