"""Lemmas the rules can trust."""


def known_lemma(token, vocabulary: set[str]) -> str:
    """The token's lemma, mended when the small model's lemmatizer slips ("fined" -> "fin")."""
    lemma = token.lemma_.lower()
    if lemma in vocabulary:
        return lemma
    word = token.lower_
    for candidate in (
        word,
        word[:-1],
        word[:-2],
        word[:-2] + "e",
        word[:-3],
        word[:-3] + "e",
        word[:-3] + "y",
        word[:-4],
    ):
        if candidate in vocabulary:
            return candidate
    return lemma
