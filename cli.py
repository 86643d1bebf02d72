"""Run the kg command line from a source checkout: ``python cli.py --help``.

The installed command is ``kg`` (entry point ``kg.launch:main``); this file only forwards to it.
"""
from kg.launch import main

if __name__ == "__main__":
    main()
