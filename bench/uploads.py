"""How fast a hostile or oversized upload is refused (issue: uploads that exhausted the server).

    .venv/bin/python bench/uploads.py

Sets Django up on a throwaway SQLite database, signs an analyst in with the test client and
posts each file to the figures import page, as a browser would. Prints, per file: its size, the
seconds until the answer, the peak memory Python allocated meanwhile (tracemalloc), the size of
the page returned and its first message. Goals: each refused in under 5 s with under 200 MB.
"""

import io
import tempfile
import time
import tracemalloc
import zipfile

from throwaway import django_setup


def xlsx_bomb() -> io.BytesIO:
    """A workbook of ~0.4 MiB whose sheet unpacks to ~95 MiB."""
    row = b'<row><c t="inlineStr"><is><t>calls-999</t></is></c></row>'
    sheet = b"<worksheet><sheetData>" + row * (95 * 1024 * 1024 // len(row)) + b"</sheetData>"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet + b"</worksheet>")
    data.name = "values.xlsx"
    data.seek(0)
    return data


def bad_rows_csv(rows: int = 100_000) -> io.BytesIO:
    lines = ["metric,period,area,value"]
    lines += [f"bad-{i},2020/21 Q9,Nowhere,x{i}" for i in range(rows)]
    data = io.BytesIO("\n".join(lines).encode())
    data.name = "values.csv"
    return data


def post(client, label: str, upload, file_format: str) -> None:
    size = len(upload.getvalue())
    tracemalloc.start()
    started = time.perf_counter()
    response = client.post(
        "/admin/metrics/metricvalue/import/",
        {"import_file": upload, "format": file_format, "resource": "0"},
    )
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    context = response.context or {}
    form, result = context.get("form"), context.get("result")
    if form is not None and form.errors:
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    elif result is not None and result.base_errors:
        message = str(result.base_errors[0].error)
    else:
        message = f"HTTP {response.status_code}"
    print(
        f"{label:<26} {size / 2**20:6.2f} MiB  {seconds:6.2f} s  peak {peak / 2**20:7.1f} MB  "
        f"page {len(response.content) / 1024:7.1f} kB  {message[:90]}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="pcp-bench-uploads-") as directory:
        django_setup(directory)
        from django.test.utils import setup_test_environment

        setup_test_environment()  # so each response carries its template context

        from bench.data import signed_in_client
        from priorities.roles import ANALYST, user_save_with_role

        analyst = user_save_with_role(username="bench", role=ANALYST, password="bench-pass-123")
        client = signed_in_client(analyst)
        print(f"{'file':<26} {'size':>10}  {'time':>8}  {'memory':>12}  {'answer':>12}")
        post(client, "XLSX bomb", xlsx_bomb(), "1")
        post(client, "CSV, 100k bad rows", bad_rows_csv(), "0")


if __name__ == "__main__":
    main()
