from hxq_cli.cli import main

raise SystemExit(main())
