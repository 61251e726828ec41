"""The API under /api/v1/. Its views answer for themselves (401 without a token or a
sign-in) rather than sending people to the sign-in page."""

from django.contrib.auth.decorators import login_not_required
from rest_framework.routers import SimpleRouter

from api import views

app_name = "api"

router = SimpleRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("workstreams", views.WorkstreamViewSet, basename="workstream")
router.register("actions", views.ActionViewSet, basename="action")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progress-update")

urlpatterns = router.urls
for pattern in urlpatterns:
    login_not_required(pattern.callback)
