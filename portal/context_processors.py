from django.conf import settings


def portal(request):
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
    }
