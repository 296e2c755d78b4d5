"""The roles of the agreements' grids: the organisations' roles plus officials and
coordinators of the agreement's department and of another one."""

from tests.contacts.factories import make_department_coordinator, make_official
from tests.organisations.factories import ROLES as REGISTER_ROLES
from tests.organisations.factories import user_in_role
from tests.portal.factories import DepartmentFactory

ROLES = (
    *REGISTER_ROLES,
    "official",
    "other_official",
    "own_department_coordinator",
)


def agreement_user(role: str, organisation, department):
    if role == "official":
        return make_official(department)
    if role == "other_official":
        return make_official(DepartmentFactory())
    if role == "own_department_coordinator":
        return make_department_coordinator(department)
    return user_in_role(role, organisation)
