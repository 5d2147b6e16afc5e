"""The public register of operations: those that published editions name.

Nothing here reads an operation the public may not see: the list comes from
`narratives.public`. Each operation's page is its timeline (`narratives.timelines`).
"""

from django.shortcuts import render

from narratives.operations import operation_slug
from narratives.public import operations_public
from narratives.public_pages import public_page


@public_page
def operation_list(request):
    operations = operations_public().only("name", "key")
    rows = [(operation, operation_slug(operation.key)) for operation in operations]
    return render(request, "editions/operations.html", {"operations": rows})
