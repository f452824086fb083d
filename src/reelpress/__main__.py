"""`python -m reelpress` runs the command line."""

from reelpress.cli import main

main()
