"""{% recent_notices %}: the signed-in user's recent notices, for any page's template.

A tag, not a view's context, so any home page shows them with one include line
(templates/accounts/_notices.html) and no app has to know where notices come from.
"""

from django import template

from pcp.accounts.notices import RECENT, notices_recent, notices_unread_count

register = template.Library()


@register.inclusion_tag("accounts/_notices_panel.html", takes_context=True)
def recent_notices(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shown": False}
    notices = notices_recent(user=user)
    unread = sum(not notice.is_read for notice in notices)
    if len(notices) == RECENT:  # there may be more unread beyond the recent ones
        unread = notices_unread_count(user=user)
    return {"shown": True, "notices": notices, "unread": unread, "request": request}
