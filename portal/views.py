from django.shortcuts import render


def home(request):
    return render(request, "portal/home.html")


def placeholder(request, section):
    return render(request, "portal/placeholder.html", {"section": section})


def site_page(request, slug):
    raise NotImplementedError


def healthz(request):
    raise NotImplementedError
