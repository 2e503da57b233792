from linter.cli.main import main

main()
