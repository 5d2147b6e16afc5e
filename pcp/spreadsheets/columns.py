"""The columns of an uploaded file: one message for a file that lacks a required column,
instead of the same problem on every row."""

from pcp.spreadsheets.reading import FileProblem, LimitedRowsMixin


def _listed(names: list[str], joiner: str) -> str:
    return f" {joiner} ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def missing_columns_message(headers: list[str], required: tuple[str, ...]) -> str:
    """One sentence naming the required columns a file lacks, or "" when it has them all."""
    missing = [name for name in required if name not in headers]
    if not missing:
        return ""
    named = _listed([f'"{name}"' for name in missing], "or")
    found = ", ".join(f'"{header[:40]}"' for header in headers[:10] if header) or "nothing"
    return (
        f"The file has no {named} column{'s' if len(missing) > 1 else ''}, so nothing was "
        f"imported. Its first row must name the columns {_listed(list(required), 'and')}; it "
        f"names {found}."
    )


class RequiredColumnsMixin(LimitedRowsMixin):
    """For an import resource: a file lacking a required column gets one message naming it,
    instead of the same problem on every row; nothing is read further or written. (And the
    limits on rows and wrong rows every upload has.)"""

    required_columns: tuple[str, ...] = ()

    def import_data(self, dataset, *args, **kwargs):
        # "Metric " or "VALUE" in a hand-made sheet still name the columns.
        dataset.headers = [str(h or "").strip().lower() for h in dataset.headers or []]
        message = missing_columns_message(dataset.headers, self.required_columns)
        if not message:
            return super().import_data(dataset, *args, **kwargs)
        result = self.get_result_class()()
        result.add_dataset_headers(dataset.headers)
        result.total_rows = len(dataset)
        self.handle_import_error(result, FileProblem(message), kwargs.get("raise_errors", False))
        return result
