"""`kg serve`: the SPARQL 1.1 endpoint and the HTML explorer.

app (a pure request -> response function), http (the threading server and its worker pool), protocol
(the SPARQL Protocol's rules), service (the service description), pages (the explorer), workers
(queries in processes that a time limit can kill), static/ (the stylesheet).
"""
