"""Each user's own notices: the full list, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from pcp.accounts.notices import notices_mark_read, notices_page, notices_unread_count


@login_required
def notice_list(request):
    page = notices_page(user=request.user, number=request.GET.get("page"))
    context = {
        "page": page,
        "unread": notices_unread_count(user=request.user),
        "title": "Your notices",
    }
    return render(request, "accounts/notices.html", context)


@require_POST
@login_required
def notices_read(request):
    """Mark all the user's notices read, then back to the page they came from."""
    notices_mark_read(user=request.user)
    wanted = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        wanted = reverse("accounts:notices")
    return redirect(wanted)
