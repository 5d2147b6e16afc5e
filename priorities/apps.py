from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Plan, periods and areas"

    def ready(self):
        # After every migrate the role groups hold exactly their permissions, so a permission
        # added by a release (e.g. narratives.review_entry) reaches existing analysts at once.
        post_migrate.connect(_role_groups_sync, sender=self, dispatch_uid="role_groups_sync")


def _role_groups_sync(sender, using="default", **kwargs):
    from priorities.roles import role_groups_sync

    role_groups_sync()
