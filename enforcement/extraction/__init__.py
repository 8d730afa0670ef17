"""Reading facts out of news articles.

Nothing in this package imports Django: every stage is a function over text
(or a spaCy ``Doc``) so it can be tested on a string and run in worker
processes. ``pipeline.extract`` runs the stages in order and returns the plain
``ArticleResult`` objects defined in ``result``.
"""
