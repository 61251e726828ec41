from django.urls import path

from partners.views import invitations, members, organisations, partnerships

app_name = "partners"
urlpatterns = [
    path("partnerships/", partnerships.partnership_list, name="partnership-list"),
    path("partnerships/new/", partnerships.partnership_create, name="partnership-create"),
    path("organisations/", organisations.organisation_list, name="organisation-list"),
    path("organisations/new/", organisations.organisation_add, name="organisation-add"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation-edit"),
    path(
        "organisations/<int:pk>/retire/",
        organisations.organisation_retire,
        name="organisation-retire",
    ),
    path(
        "organisations/<int:pk>/restore/",
        organisations.organisation_restore,
        name="organisation-restore",
    ),
    path(
        "organisations/<int:pk>/merge/", organisations.organisation_merge, name="organisation-merge"
    ),
    path(
        "organisations/<int:pk>/merge/<int:survivor>/",
        organisations.organisation_merge_confirm,
        name="organisation-merge-confirm",
    ),
    path("partnerships/<slug:slug>/members/", members.members, name="members"),
    path(
        "partnerships/<slug:slug>/undelivered-mail/",
        partnerships.undelivered_mail,
        name="undelivered-mail",
    ),
    path("partnerships/<slug:slug>/members/former/", members.members_former, name="members-former"),
    path("partnerships/<slug:slug>/members/invite/", members.member_invite, name="member-invite"),
    path(
        "partnerships/<slug:slug>/members/<int:pk>/",
        members.membership_detail,
        name="membership-detail",
    ),
    path(
        "partnerships/<slug:slug>/members/<int:pk>/edit/",
        members.membership_edit,
        name="membership-edit",
    ),
    path(
        "partnerships/<slug:slug>/members/<int:pk>/end/",
        members.membership_end,
        name="membership-end",
    ),
    path(
        "partnerships/<slug:slug>/invitations/<int:pk>/resend/",
        members.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "partnerships/<slug:slug>/invitations/<int:pk>/revoke/",
        members.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
]
