"""Run every hxq command on the shipped framework and on examples/, and save what each prints.

Used to show that a change of layout leaves every output as it was:

    python tools/snapshot_outputs.py before/   # on the old code
    python tools/snapshot_outputs.py after/    # on the new code
    diff -r before/ after/

Each command's stdout, stderr and exit code go to one file named after the command line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
    ]
    for lang in ("zh", "en"):
        COMMANDS += [["show", *d, "--lang", lang], ["facts", *d, "--lang", lang]]
    for fmt in ("md", "csv", "mermaid", "dot", "json", "yaml"):
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


def slug(args: list[str]) -> str:
    text = " ".join(a.replace(str(REPO), "") for a in args)
    return re.sub(r"[^A-Za-z0-9.\u4e00-\u9fff-]+", "_", text).strip("_")[:120]


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    env.update({"COLUMNS": "100", "HXQ_NO_CACHE": "1", "NO_COLOR": "1"})
    for args in COMMANDS:
        done = subprocess.run(
            [sys.executable, "-m", "hxq_cli", *args], capture_output=True, env=env, cwd=REPO
        )
        text = (
            done.stdout.decode("utf-8", "replace")
            + f"\n--- stderr\n{done.stderr.decode('utf-8', 'replace')}"
            + f"--- exit {done.returncode}\n"
        )
        (out / f"{slug(args)}.txt").write_text(text.replace(str(REPO), "REPO"), encoding="utf-8")
    print(f"{len(COMMANDS)} commands written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
