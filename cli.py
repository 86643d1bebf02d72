"""Run the kg command line from a source checkout: ``python cli.py --help``.

The installed command is ``kg`` (entry point ``kg.cli.launch:main``); this file only forwards to it.
"""
from kg.cli.launch import main

if __name__ == "__main__":
    main()
