"""Score `hxq draft` against hand-made gold annotations, one line per text.

    python bench/draft_score.py                 # every text with a gold file
    python bench/draft_score.py --verbose       # and each missed or extra item
    python bench/draft_score.py --check         # exit 1 when a text misses a target

Drafts each text with the `hxq` installed beside this interpreter (`hxq draft TEXT --json`) and
scores the draft with the shared scorer, `../shared/draft/score.py` (beside the checkout, as in
CI; `HXQ_SHARED=DIR` names another place, as for a worktree). The texts with gold: the
government work reports in `../shared/draft/gold/`; the interview in `../shared/sources/`, whose
gold ships in `tests/fixtures/draft/`; and three passages of other reports (1995, 2006, 2022),
text and gold both in `tests/fixtures/draft/`, first scored as held-out data (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HXQ_SHARED") or ROOT.parent / "shared")
HXQ = Path(sys.executable).with_name("hxq")

#: The issue's targets: each measure and its least acceptable value.
TARGETS = {
    "figures_recall": 0.90,
    "figures_precision": 0.90,
    "formulations_recall": 0.90,
    "formulations_precision": 0.85,
    "parts_recall": 0.75,
    "qualifier_agreement": 0.90,
}


def pairs() -> list[tuple[str, Path, Path]]:
    """(name, text, gold) for every text with a gold file."""
    found = []
    for gold in sorted((SHARED / "draft" / "gold").glob("*.yaml")):
        found.append((gold.stem, SHARED / "draft" / "texts" / f"{gold.stem}.txt", gold))
    fixtures = ROOT / "tests" / "fixtures" / "draft"
    for gold in sorted(fixtures.glob("*.yaml")):
        text = yaml.safe_load(gold.read_text(encoding="utf-8"))["text"]
        shipped = fixtures / text  # a passage ships beside its gold; the interview does not
        found.append((gold.stem, shipped if shipped.is_file() else SHARED / "sources" / text, gold))
    return found


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "draft" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_text(text: Path, gold: Path, verbose: bool) -> dict[str, Any]:
    run = subprocess.run(
        [str(HXQ), "draft", str(text), "--json"], capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        raise SystemExit(f"hxq draft {text} failed ({run.returncode}): {run.stderr.strip()}")
    draft = json.loads(run.stdout)
    golden = yaml.safe_load(gold.read_text(encoding="utf-8"))
    result: dict[str, Any] = scorer().score(
        draft, golden, text.read_text(encoding="utf-8"), verbose
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list each miss and extra")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if not (SHARED / "draft" / "score.py").is_file():
        print(f"no scorer at {SHARED / 'draft' / 'score.py'}", file=sys.stderr)
        return 2
    missed = 0
    print(f"{'text':<30} figures R/P   formulations R/P   parts R   qualifiers")
    for name, text, gold in pairs():
        if args.verbose:
            print(f"{name}:")
        s = score_text(text, gold, args.verbose)
        short = [key for key, least in TARGETS.items() if s[key] < least]
        missed += bool(short)
        print(
            f"{name:<30} {s['figures_recall']:.2f}/{s['figures_precision']:.2f}     "
            f"{s['formulations_recall']:.2f}/{s['formulations_precision']:.2f}          "
            f"{s['parts_recall']:.2f}      {s['qualifier_agreement']:.2f}"
            + (f"   below target: {', '.join(short)}" if short else "")
        )
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
