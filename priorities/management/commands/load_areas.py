"""Load the force's areas (LPAs, districts, aliases) from a gazetteer file, idempotently."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from priorities.services import DEFAULT_AREAS_FILE, AreasFileError, areas_load_file


class Command(BaseCommand):
    help = "Create or update the force, its Local Policing Areas, districts and aliases."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DEFAULT_AREAS_FILE),
            help="Gazetteer JSON (default: the shipped priorities/data/areas.json)",
        )

    def handle(self, *args, path: str, **options):
        try:
            loaded = areas_load_file(path=Path(path))
        except AreasFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Areas of {loaded.force.name}: {loaded.created} created, {loaded.updated} updated, "
            f"{loaded.aliases} aliases added or moved."
        )
