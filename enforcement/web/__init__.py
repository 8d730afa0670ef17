"""Reading the web: pages over HTTP, their main text, and news feeds.

No Django here, like ``extraction``: ``fetching`` gets bytes within limits,
``pages`` turns an HTML page into an article's text and metadata, ``feeds``
turns an RSS or Atom document into the items it lists, and ``articles``
combines them into the ``ArticleInput`` objects the ingest reads.
"""
