"""`nirvachan roll import FILE [--rejects FILE]`, `nirvachan roll export --ac N --format F` and
`nirvachan roll dedupe [--state S] [--threshold 0.9] --out pairs.csv [--truth truth.csv]`."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nirvachan.core.errors import DomainError
from nirvachan.core.models import Constituency
from nirvachan.roll import dedupe, importer, selectors


class Command(BaseCommand):
    help = "Import or export the electoral roll (CSV or Parquet)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a roll file")
        imp.add_argument("file")
        imp.add_argument("--rejects", help="import the valid rows; write the others here")
        imp.add_argument(
            "--workers",
            type=int,
            help="processes that read and check the file beside the database work "
            "(default: 2 for a file over 32 MB, else none; 0 = none)",
        )
        exp = sub.add_parser("export", help="export one assembly constituency")
        exp.add_argument("--ac", type=int, required=True, help="assembly constituency number")
        exp.add_argument("--state", default="", help="state or district code, when ambiguous")
        exp.add_argument("--format", choices=["csv", "parquet"], default="csv")
        exp.add_argument("--out", help="output file (default roll-AC<N>.<format>)")
        ded = sub.add_parser("dedupe", help="candidate duplicate entries (Splink, DuckDB)")
        ded.add_argument("--state", default="", help="state or district code or name")
        ded.add_argument("--threshold", type=float, default=0.9)
        ded.add_argument("--out", required=True, help="pairs CSV")
        ded.add_argument("--truth", help="CSV of true pairs: print precision and recall")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(Path(options["file"]), options.get("rejects"), options.get("workers"))
        elif options["action"] == "dedupe":
            self._dedupe(options)
        else:
            self._export(options)

    def _dedupe(self, options: dict[str, Any]) -> None:
        threshold = options["threshold"]
        if not 0 < threshold < 1:
            raise CommandError("--threshold must be between 0 and 1")
        started = time.perf_counter()
        try:
            records = selectors.dedupe_table(state=options["state"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        pairs = dedupe.find_duplicates(records, threshold=threshold)
        out = Path(options["out"])
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["epic_a", "epic_b", "match_probability", "cluster"])
            for p in pairs:
                writer.writerow([p.key_a, p.key_b, f"{p.probability:.6f}", p.cluster])
        summary: dict[str, Any] = {
            "electors": len(records),
            "pairs": len(pairs),
            "clusters": len({p.cluster for p in pairs}),
            "file": str(out),
            "seconds": round(time.perf_counter() - started, 2),
        }
        if options.get("truth"):
            with open(options["truth"], encoding="utf-8", newline="") as handle:
                truth = [(r["original"], r["duplicate"]) for r in csv.DictReader(handle)]
            summary.update(dedupe.score([(p.key_a, p.key_b) for p in pairs], truth))
        self.stdout.write(json.dumps(summary))

    def _import(self, path: Path, rejects_path: str | None, workers: int | None) -> None:
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        progress = None
        bar: Any = None
        if sys.stderr.isatty():
            from rich.progress import Progress

            bar = Progress(transient=True)
            task = bar.add_task("import", total=None)
            bar.start()

            def progress(rows: int) -> None:
                bar.update(task, completed=rows, description=f"{rows:,} rows")

        rejects = (
            open(rejects_path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
            if rejects_path
            else None
        )
        try:
            result = importer.roll_import(
                path=path, rejects=rejects, progress=progress, workers=workers
            )
        except importer.ImportRefused as exc:
            for e in exc.errors:
                self.stderr.write(f"line {e.line}: {e.field}: {e.message}")
            raise CommandError(
                f"{exc.total} invalid rows; nothing was imported "
                "(use --rejects FILE to import the valid rows)"
            ) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        finally:
            if bar is not None:
                bar.stop()
            if rejects is not None:
                rejects.close()
        self.stdout.write(json.dumps(result.summary(), ensure_ascii=False))

    def _export(self, options: dict[str, Any]) -> None:
        qs = Constituency.objects.filter(kind="ac", number=options["ac"]).select_related("unit")
        if options["state"]:
            qs = qs.filter(unit__code=options["state"])
        found = list(qs[:2])
        if len(found) != 1:
            raise CommandError(
                "no such assembly constituency" if not found else "ambiguous: give --state"
            )
        out = Path(options["out"] or f"roll-AC{options['ac']}.{options['format']}")
        count = importer.roll_export(constituency=found[0], out=out, fmt=options["format"])
        self.stdout.write(json.dumps({"file": str(out), "electors": count}))
