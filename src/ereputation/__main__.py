"""`python -m ereputation` runs the same CLI as the console script."""

from ereputation.cli import main

main()
