"""{% recent_notices %}: the signed-in user's recent notices, for any page's template.

A tag, not a view's context, so any home page shows them with one include line
(templates/accounts/_notices.html) and no app has to know where notices come from.
"""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

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


# A line that is only an address (as the e-mails put them): a page of this site or a web page.
ADDRESS = re.compile(r"(?:https?://|/)\S*")


@register.filter
def notice_text(body: str) -> str:
    """A notice's text as its e-mail says it, escaped, line by line, with each line that is an
    address made a link."""
    lines = []
    for line in body.splitlines():
        address = line.strip()
        if ADDRESS.fullmatch(address):
            lines.append(format_html('<a href="{}">{}</a>', address, address))
        else:
            lines.append(escape(line))
    return mark_safe("<br>".join(lines))  # every piece escaped above
