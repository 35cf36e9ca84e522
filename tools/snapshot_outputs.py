"""Run every hxq command on the shipped framework and on examples/, and save what each prints.

Used to show that a change of layout leaves every output as it was:

    python tools/snapshot_outputs.py before/   # on the old code
    python tools/snapshot_outputs.py after/    # on the new code
    diff -r before/ after/

Each command's stdout, stderr and exit code go to one file named after the command line.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "sources" / "interview-sun-guoquan-2026.zh.txt"
EXAMPLE = str(REPO / "examples" / "riverton-321.yaml")
SHIPPED = str(REPO / "data" / "framework.yaml")

COMMANDS: list[list[str]] = []
for data in (SHIPPED, EXAMPLE):
    d = ["--data", data]
    COMMANDS += [
        ["show", *d],
        ["show", "--json", *d],
        ["show", "1", *d],
        ["show", "1", "--json", *d],
        ["facts", *d],
        ["facts", "--json", *d],
        ["facts", "--csv", *d],
        ["facts", "--chart", *d],
        ["facts", "--sort", "value", *d],
        ["search", "1", *d],
        ["search", "的", "--json", *d],
        ["validate", data],
        ["validate", "--json", data],
        ["diff", SHIPPED, data],
        ["diff", SHIPPED, data, "--json"],
        ["terms", *d],
        ["terms", "--json", *d],
        ["terms", "--csv", *d],
    ]
    for lang in ("zh", "en"):
        COMMANDS += [["show", *d, "--lang", lang], ["facts", *d, "--lang", lang]]
    for fmt in ("md", "csv", "mermaid", "dot", "opml", "json", "yaml", "html"):
        COMMANDS.append(["export", "--format", fmt, *d])
COMMANDS += [
    ["show", "4"],
    ["show", "4", "--json"],
    ["show", "4.outcomes", "--lang", "en"],
    ["show", "innovation"],
    ["show", "nosuch"],
    ["facts", "--under", "4.2"],
    ["facts", "--search", "专利", "--chart"],
    ["search", "名片"],
    ["search", "innovation", "--json"],
    ["search", "nothing-matches-this"],
    ["verify", "--source", str(SOURCE)],
    ["verify", "--source", str(SOURCE), "--json"],
    ["schema"],
    ["export", "--format", "mermaid", "4"],
    ["--help"],
    ["show", "--help"],
]

#: The formats written into a file or folder (-o), saved as text: a database as its SQL dump,
#: a workbook as the XML of its parts, a package as its files.
FILE_FORMATS = ("sqlite", "xlsx", "datapackage")


def slug(args: list[str]) -> str:
    text = " ".join(a.replace(str(REPO), "") for a in args)
    return re.sub(r"[^A-Za-z0-9.\u4e00-\u9fff-]+", "_", text).strip("_")[:120]


def file_text(path: Path) -> str:
    """A written file or folder as text that a diff can show."""
    if path.is_dir():
        return "".join(
            f"=== {p.name}\n{p.read_text(encoding='utf-8')}" for p in sorted(path.iterdir())
        )
    if path.suffix == ".db":
        connection = sqlite3.connect(path)
        try:
            dump = "\n".join(connection.iterdump())
        finally:
            connection.close()
        metadata = path.with_name(path.name + ".metadata.json")
        return f"{dump}\n=== {metadata.name}\n{metadata.read_text(encoding='utf-8')}"
    with zipfile.ZipFile(path) as book:
        # The workbook's creation time is the only part that changes from run to run.
        return "".join(
            f"=== {name}\n{book.read(name).decode('utf-8')}\n"
            for name in sorted(book.namelist())
            if name != "docProps/core.xml"
        )


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "hxq_cli", *args], capture_output=True, env=env, cwd=REPO
    )
    return (
        done.stdout.decode("utf-8", "replace")
        + f"\n--- stderr\n{done.stderr.decode('utf-8', 'replace')}"
        + f"--- exit {done.returncode}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="where to write one file per command (made if missing)")
    out = Path(parser.parse_args().folder)
    out.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    env.update({"COLUMNS": "100", "HXQ_NO_CACHE": "1", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "0"})
    for args in COMMANDS:
        text = run(args, env)
        (out / f"{slug(args)}.txt").write_text(text.replace(str(REPO), "REPO"), encoding="utf-8")
    written = 0
    for data in (SHIPPED, EXAMPLE):
        for fmt in FILE_FORMATS:
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / {"sqlite": "out.db", "xlsx": "out.xlsx"}.get(fmt, "out")
                args = ["export", "--format", fmt, "--data", data, "-o", str(target)]
                text = run(args, env) + file_text(target)
                name = slug(["export", "--format", fmt, "--data", data, "-o", "FILE"])
                (out / f"{name}.txt").write_text(text.replace(str(REPO), "REPO"), encoding="utf-8")
                written += 1
    print(f"{len(COMMANDS) + written} commands written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
