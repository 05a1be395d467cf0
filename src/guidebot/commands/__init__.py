"""One module per `guidebot` command, each with add_parser(subparsers) and run(args)."""
