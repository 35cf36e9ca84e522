"""The questions hxq answers: model in, plain result objects out. No I/O but reading a source
text through `hxq_cli.read`, no terminal."""
