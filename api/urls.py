"""The API under /api/v1/, whose views answer for themselves (401 without a token or a
sign-in, except the anonymous view of what a partnership publishes) rather than sending
people to the sign-in page; its schema and documentation pages; and the pages that
manage a person's tokens, under /account/api-tokens/."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from api import pages, views
from api.conditional import polling_validators

app_name = "api"

router = SimpleRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("workstreams", views.WorkstreamViewSet, basename="workstream")
router.register("actions", views.ActionViewSet, basename="action")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progress-update")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("meeting-actions", views.MeetingActionViewSet, basename="meeting-action")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register(
    r"public/(?P<slug>[-\w]+)/actions", views.PublicActionViewSet, basename="public-action"
)

# An ETag and a Last-Modified on every answer, and 304 Not Modified to a poller whose
# copy is still current, so that a BI tool refreshing often fetches only what changed.
for pattern in router.urls:
    pattern.callback = login_not_required(polling_validators(pattern.callback))

# Redoc writes its styles into <style> elements: those it makes once started carry the
# request's nonce (api/static/api/redoc.js), and the scrollbar's, which it writes as its
# script loads, is allowed by its hash (and by the empty one's, as the element starts
# empty). A new Redoc may change them; tests/browser/test_api.py then says so.
REDOC_STYLES = [
    NONCE,
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
]

urlpatterns = [
    path("api/v1/", include(router.urls)),
    # What the API offers is no secret, and a BI tool may read its schema before it has
    # a token; the data answers only to a token or a sign-in.
    path(
        "api/v1/schema/",
        login_not_required(SpectacularAPIView.as_view(permission_classes=[AllowAny])),
        name="schema",
    ),
    path(
        "api/v1/docs/",
        login_not_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema",
                permission_classes=[AllowAny],
                template_name="api/swagger_ui.html",
            )
        ),
        name="docs",
    ),
    path(
        "api/v1/redoc/",
        login_not_required(
            csp_update({"style-src": REDOC_STYLES})(
                SpectacularRedocView.as_view(
                    url_name="api:schema",
                    permission_classes=[AllowAny],
                    template_name="api/redoc.html",
                )
            )
        ),
        name="redoc",
    ),
    path("account/api-tokens/", pages.token_list, name="token-list"),
    path("account/api-tokens/new/", pages.token_create, name="token-create"),
    path("account/api-tokens/<int:pk>/revoke/", pages.token_revoke, name="token-revoke"),
]
