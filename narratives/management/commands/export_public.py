"""Write the whole public side (editions, their versions and files, the operation register) as
static files, for a web server or CDN to serve without the application."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from narratives.editions.export import public_export


class Command(BaseCommand):
    help = (
        "Write every public page and file (editions list, each edition and version, their "
        "PDF/Word/JSON/CSV, changes, operation register) and the static files they use into "
        "DIR, to be served at the site's root by any web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Folder to write into (made if absent)")

    def handle(self, *args, directory: Path, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} exists and is not a folder.")
        exported = public_export(directory=directory)
        self.stdout.write(
            f"{len(exported.pages)} pages and files, {len(exported.static)} static files "
            f"written to {directory}."
        )
        for path in exported.missing:
            self.stdout.write(self.style.WARNING(f"Linked but not found: {path}"))
