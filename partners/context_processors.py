from partners.rules import is_service_administrator


def service_roles(request):
    """Whether the person runs the service, for the navigation: read from their account,
    so it costs no query on any page."""
    return {"runs_the_service": is_service_administrator(request.user)}
