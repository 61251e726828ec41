"""The read-only API's endpoints: each lists what the caller's memberships let them see
on the pages (api.selectors), or, in the anonymous view, what a partnership publishes;
each answers 405 to any write."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action as extra_route
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api import filters, selectors, serializers
from meetings.models import Meeting, MeetingAction
from partners.models import Partnership
from publishing.selectors import public_partnership
from trends.models import Measure
from workstreams.models import Action, ActionPlan, ProgressUpdate, Workstream


class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships you are a member of now."""

    queryset = Partnership.objects.none()
    serializer_class = serializers.PartnershipSerializer

    def get_queryset(self):
        return selectors.api_partnerships(self.request.user)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """The action plans of your partnerships."""

    queryset = ActionPlan.objects.none()
    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter

    def get_queryset(self):
        return selectors.api_plans(self.request.user)


class WorkstreamViewSet(viewsets.ReadOnlyModelViewSet):
    """The workstreams of your partnerships' plans, retired ones included (`live=true`
    leaves them out)."""

    queryset = Workstream.objects.none()
    serializer_class = serializers.WorkstreamSerializer
    filterset_class = filters.WorkstreamFilter

    def get_queryset(self):
        return selectors.api_workstreams(self.request.user)


class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    """The actions and sub-items of your partnerships' plans, in the plan's order, each
    with its current status; `history` lists its progress updates."""

    queryset = Action.objects.none()
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilter

    def get_queryset(self):
        return selectors.api_actions(self.request.user)

    @extra_route(
        detail=True,
        serializer_class=serializers.ProgressUpdateSerializer,
        filterset_class=None,
    )
    def history(self, request, pk=None):
        """The action's progress updates, newest first."""
        action = self.get_object()
        updates = selectors.api_progress_updates(request.user).filter(action=action)
        page = self.paginate_queryset(updates)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ProgressUpdateViewSet(viewsets.ReadOnlyModelViewSet):
    """The progress updates of your partnerships' actions, newest first."""

    queryset = ProgressUpdate.objects.none()
    serializer_class = serializers.ProgressUpdateSerializer
    filterset_class = filters.ProgressUpdateFilter

    def get_queryset(self):
        return selectors.api_progress_updates(self.request.user)


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Your partnerships' meetings, each with its decisions."""

    queryset = Meeting.objects.none()
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter

    def get_queryset(self):
        return selectors.api_meetings(self.request.user)


class MeetingActionViewSet(viewsets.ReadOnlyModelViewSet):
    """The action log: what your partnerships' meetings asked someone to do."""

    queryset = MeetingAction.objects.none()
    serializer_class = serializers.MeetingActionSerializer
    filterset_class = filters.MeetingActionFilter

    def get_queryset(self):
        return selectors.api_meeting_actions(self.request.user)


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    """What your partnerships count; `counts` lists a measure's counts, small numbers
    hidden as on its trend page for you."""

    queryset = Measure.objects.none()
    serializer_class = serializers.MeasureSerializer
    filterset_class = filters.MeasureFilter

    def get_queryset(self):
        return selectors.api_measures(self.request.user)

    @extra_route(detail=True, serializer_class=serializers.CountSerializer, filterset_class=None)
    def counts(self, request, pk=None):
        measure = self.get_object()
        page = self.paginate_queryset(selectors.api_measure_counts(measure, request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description="The partnership's short address."
)


@extend_schema_view(
    list=extend_schema(parameters=[SLUG]), retrieve=extend_schema(parameters=[SLUG])
)
class PublicActionViewSet(viewsets.GenericViewSet):
    """A partnership's published actions, for anyone, with no token: exactly what its
    public page shows. 404 for a partnership that publishes nothing, and for an action
    that is not public."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = serializers.PublicActionSerializer
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def list(self, request, slug):
        published = selectors.api_public_actions(public_partnership(slug))
        page = self.paginate_queryset(published)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, slug, pk):
        published = selectors.api_public_action(public_partnership(slug), pk)
        return Response(self.get_serializer(published).data)
