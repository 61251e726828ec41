from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and signing in"

    def ready(self):
        from allauth.account import signals
        from allauth.mfa import signals as mfa_signals

        from accounts import services
        from accounts.middleware import second_factor_forgotten

        # The audit log keeps no password, so it records only that one was changed, reset
        # or set, and by whom (allauth changes passwords in its own views).
        for signal, how in [
            (signals.password_changed, "changed"),
            (signals.password_reset, "reset"),
            (signals.password_set, "set"),
        ]:
            signal.connect(services.password_change_logger(how), weak=False)

        mfa_signals.authenticator_removed.connect(
            second_factor_forgotten, dispatch_uid="accounts-second-factor-forgotten"
        )
