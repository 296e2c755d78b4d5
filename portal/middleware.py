from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _


class SwedishFirstLocaleMiddleware(LocaleMiddleware):
    """Swedish unless the visitor chose another language with the language switch.

    Django's own middleware also follows the browser's Accept-Language, which
    would show English to everyone in Sweden whose browser happens to be set to
    English; a Swedish public service speaks Swedish first and offers English.
    The open-data API (views with ``json_errors``) answers programs, which say
    their language in Accept-Language: there Django's negotiation applies, still
    Swedish when the request names no language the portal has.
    """

    def process_request(self, request):
        if _json_errors(request):
            language = translation.get_language_from_request(request)
        else:
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RejectNulMiddleware:
    """Answer 400 when a query or form parameter, name or value, holds a NUL byte.

    PostgreSQL cannot store or compare text with NUL (``DataError``), so such a
    request could only end in a server error; no browser sends one from a form.
    After the locale middleware, so the page speaks the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            message = _("The request contained a character that is not allowed (NUL).")
            if _json_errors(request):
                return JsonResponse({"error": message, "errors": {}}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


def _json_errors(request) -> bool:
    """Whether the view of this path answers errors in JSON (the open-data API's
    views say so with ``json_errors``), so a client reads this answer as theirs."""
    try:
        return getattr(resolve(request.path_info).func, "json_errors", False)
    except Resolver404:
        return False


def _has_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in v for v in params.getlist(key)) for key in params)
