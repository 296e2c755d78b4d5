"""The routing rules' suggestion: where a case on these topics usually goes."""

from .models import RoutingRule


def suggest(inquiry) -> RoutingRule | None:
    """The first rule, by priority, for one of the inquiry's topics (one query)."""
    return (
        RoutingRule.objects.filter(topic__in=inquiry.topics.all(), department__is_active=True)
        .select_related("department", "official", "topic")
        .order_by("priority", "pk")
        .first()
    )
