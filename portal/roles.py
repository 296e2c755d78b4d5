"""The roles of DESIGN.md as Django groups.

Groups carry the model permissions a role needs in the admin; who coordinates
what is held by ``CoordinatorAssignment`` and checked by the predicates in
``portal/rules.py``. Apps add permissions to a role in ``AppConfig.ready()``
with ``grant(...)``; ``sync_role_permissions`` (run after every migrate) makes
the groups match.
"""

from django.utils.translation import gettext_lazy as _

REPRESENTATIVE = "representative"
OFFICIAL = "official"
DEPARTMENT_COORDINATOR = "department_coordinator"
MUNICIPAL_COORDINATOR = "municipal_coordinator"
ADMINISTRATOR = "administrator"

ROLES = {
    REPRESENTATIVE: _("Representative of an association"),
    OFFICIAL: _("Official"),
    DEPARTMENT_COORDINATOR: _("Department coordinator"),
    MUNICIPAL_COORDINATOR: _("Municipal coordinator"),
    ADMINISTRATOR: _("Administrator"),
}

# role -> "app_label.codename" permissions (admin access)
_PERMISSIONS: dict[str, set[str]] = {role: set() for role in ROLES}


def grant(role: str, *perms: str) -> None:
    _PERMISSIONS[role].update(perms)


def permissions_for(role: str) -> set[str]:
    return set(_PERMISSIONS[role])


grant(
    MUNICIPAL_COORDINATOR,
    # view_user: to pick a person when assigning a coordinator (admin autocomplete).
    "portal.view_user",
    "portal.view_department",
    "portal.add_department",
    "portal.change_department",
    "portal.view_coordinatorassignment",
    "portal.add_coordinatorassignment",
    "portal.change_coordinatorassignment",
    "portal.delete_coordinatorassignment",
    "portal.view_auditentry",
    "portal.view_reminderdelivery",
    "portal.view_sitepage",
    "portal.change_sitepage",
)
grant(DEPARTMENT_COORDINATOR, "portal.view_department", "portal.view_coordinatorassignment")
grant(
    ADMINISTRATOR,
    "portal.view_user",
    "portal.change_user",
    "auth.view_group",
    "auth.change_group",
    "portal.view_auditentry",
    "portal.view_sitepage",
    "portal.change_sitepage",
    "portal.view_department",
    "portal.add_department",
    "portal.change_department",
    "portal.view_coordinatorassignment",
    "portal.add_coordinatorassignment",
    "portal.change_coordinatorassignment",
    "portal.delete_coordinatorassignment",
)


def sync_role_permissions(**kwargs) -> None:
    """Give each role's group exactly the permissions granted to it (post_migrate)."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in sorted(_PERMISSIONS[role]):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def sync_after_the_last_app(sender, **kwargs) -> None:
    """The post_migrate receiver. The signal is sent once per installed app, after
    which that app's permissions exist: the roles are synced once, after the last
    app's, when every permission they name does (run after each app's, every run but
    the last was redone by the next, on every migrate and every test's flush)."""
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        sync_role_permissions()
