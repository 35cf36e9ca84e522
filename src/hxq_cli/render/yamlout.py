"""YAML output: a framework document that hxq's own loader reads back to the same framework.

PyYAML's dumper quotes strings that YAML 1.1 would read as something else ("no", "1:30");
hxq reads YAML 1.2, so the dumper also quotes what 1.2 would read as a number ("0o17",
"1e5"). Strings holding control or bidi characters are written double-quoted with escapes,
so the file shows no invisible characters and a terminal shows no control sequences.
"""

from __future__ import annotations

from typing import Any

import yaml

from hxq_cli.render.safe import has_unsafe
from hxq_cli.yamlsafe import yaml12_implicit_resolvers


class _Dumper(yaml.SafeDumper):
    def analyze_scalar(self, scalar: str) -> Any:
        if not has_unsafe(scalar):
            return super().analyze_scalar(scalar)
        # Without allow_unicode the emitter treats the scalar as special and double-quotes
        # it, escaping every character outside printable ASCII.
        self.allow_unicode, keep = False, self.allow_unicode
        try:
            return super().analyze_scalar(scalar)
        finally:
            self.allow_unicode = keep

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if not has_unsafe(text):
            super().write_double_quoted(text, split)
            return
        self.allow_unicode, keep = False, self.allow_unicode
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = keep


for _first, _tag, _pattern in yaml12_implicit_resolvers():
    _Dumper.add_implicit_resolver(_tag, _pattern, _first)


#: Lines are never wrapped: one value per line is what people expect of a data file, and
#: what `hxq_cli.yamllines` reads at its fastest.
_NO_WRAP = 1 << 30


def dumps_yaml(document: Any) -> str:
    """`document` as block-style YAML, keys in their order, Chinese as UTF-8, a value per line."""
    text: str = yaml.dump(
        document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=_NO_WRAP, indent=2
    )
    return text
