"""Delete what is kept no longer than its setting (run daily from a scheduler):
ended sessions, sign-in records (PCP_LOGIN_RECORD_DAYS), download records
(PCP_DOWNLOAD_RECORD_DAYS), users' notices (PCP_NOTICE_DAYS) and abandoned pending imports
(PCP_PENDING_IMPORT_HOURS)."""

from django.core.management.base import BaseCommand

from pcp.accounts.retention import retention_apply


class Command(BaseCommand):
    help = "Delete ended sessions and audit records and pending imports past their keeping time."

    def handle(self, *args, **options):
        purged = retention_apply()
        sessions = "ended sessions deleted" if purged.sessions else "sessions not stored here"
        self.stdout.write(
            f"{sessions}; {purged.login_records} sign-in record(s), "
            f"{purged.download_records} download record(s), {purged.notices} notice(s), "
            f"{purged.pending_imports} pending import file(s) deleted."
        )
