"""A refusal as a page in the admin's layout: what was refused, why, and what to do instead
(rather than a bare "403 Forbidden")."""

from django.template.response import TemplateResponse


def refusal(request, admin_site, *, title: str, why: str, what: str, back_url: str = ""):
    context = {
        **admin_site.each_context(request),
        "title": title,
        "why": why,
        "what": what,
        "back_url": back_url,
    }
    return TemplateResponse(request, "admin/pcp_refused.html", context, status=403)
