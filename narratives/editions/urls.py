"""Stable public addresses of editions (/editions/2020-21/q2/, .pdf, /v1.1/ ...) and operations."""

from django.urls import path, register_converter

from narratives.editions import register, views
from narratives.timelines import views as timelines

app_name = "narratives"


class FinancialYearConverter:
    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class VersionConverter(FinancialYearConverter):
    regex = r"\d{1,3}\.\d{1,3}"


class FileFormatConverter(FinancialYearConverter):
    regex = "pdf|docx|json|csv"


register_converter(FinancialYearConverter, "fy")
register_converter(VersionConverter, "version")
register_converter(FileFormatConverter, "fmt")

quarter = "editions/<fy:fy>/q<int:quarter>"
urlpatterns = [
    path("editions/", views.edition_list, name="edition_list"),
    path(f"{quarter}/", views.edition_detail, name="edition"),
    path(f"{quarter}.<fmt:fmt>", views.edition_file, name="edition_file"),
    path(f"{quarter}/v<version:version>/", views.edition_detail, name="edition_version"),
    path(
        f"{quarter}/v<version:version>.<fmt:fmt>",
        views.edition_file,
        name="edition_version_file",
    ),
    # The internal edition of each version, for staff (views.staff_only).
    path(f"{quarter}/internal/", views.internal_detail, name="edition_internal"),
    path(f"{quarter}/internal.<fmt:fmt>", views.internal_file, name="edition_internal_file"),
    path(
        f"{quarter}/v<version:version>/internal/",
        views.internal_detail,
        name="edition_version_internal",
    ),
    path(
        f"{quarter}/v<version:version>/internal.<fmt:fmt>",
        views.internal_file,
        name="edition_version_internal_file",
    ),
    path(f"{quarter}/preview/", views.edition_preview, name="edition_preview"),
    path(
        f"{quarter}/preview.pdf",
        views.edition_preview,
        {"fmt": "pdf"},
        name="edition_preview_pdf",
    ),
    path(
        f"{quarter}/preview.docx",
        views.edition_preview,
        {"fmt": "docx"},
        name="edition_preview_docx",
    ),
    path(f"{quarter}/changes/", views.edition_changes, name="edition_changes"),
    path("operations/", register.operation_list, name="operation_list"),
    # An operation's page is its timeline (narratives.timelines).
    path("operations/<slug:slug>/", timelines.operation_timeline, name="operation"),
]
