"""What vulture (the dead-code check in .ci/run) must not report: names used by a library or by
name, not by a call vulture can see. Reviewed; each entry says why. Remove an entry with the
code it allows. Names that follow a library's conventions are in pyproject.toml
([tool.vulture]): Textual's hooks and the commands' epilogs.

Run: `vulture` (the paths and settings are in pyproject.toml).
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Typer: the root callback's --version parameter (its callback does the work); the commands
# registered by `app.command(name)(function)` in cli/app.py.
_.version
_.validate
_.diff
# Typer: a choice's values are its members' names.
_.always
_.never
# Click and Typer attributes hxq sets for them to read (cli/app.py, cli/typer_compat.py).
_.rich_markup_mode
_._sanitize_help_text
# PyYAML calls a constructor's construct_mapping (read/parse.py overrides it).
_.construct_mapping
# Fields of a model record, read and written by name through dataclasses.fields().
_.interviewee
_.interviewee_role
# What each rule of `hxq validate` checks: the rules' one list, read by tests/test_validate.py.
_.RULES
# Every figure of a whole text at once: what the tests hold the figure grammar to; `hxq verify`
# reads a text's figures in one pass of its own (zh.figures.figure_matches, read_figure).
_.parse_figures
# Textual reads these attributes of its widgets and the parameters of its hooks.
_.cursor_blink
_.border_title
_.border_subtitle
_.show_root
_.auto_expand
_.guide_depth
_.virtual_size
_.COMPONENT_CLASSES
_.cursor_position
_.parameters

# Rich calls Text.blank_copy when it divides a text; WholeText's override keeps the copy a
# WholeText (render/whole_text.py).
_.blank_copy
# Labels that only the HTML page shows: page_data() hands the whole table to page.js, which
# or the page's template (data-l="name" in page.html) reads each by name.
_.every_figure
_.only_under
_.share_or_ratio
_.show_more
_.no_figures_here
_.none_selected
_.no_match
_.interview_by
_.search_matches
_.figures_shown
_.count_part
_.count_parts
_.unknown_link
_.search_placeholder
_.expand_all
_.collapse_all
_.expand_level
_.collapse_level
_.tree_hint
