"""The command line: click commands that parse, call the kg API and render (commands), the fast
path of plain lookups without click (quick), the entry point (launch), and what they print (output)."""
