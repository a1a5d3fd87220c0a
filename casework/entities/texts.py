"""Words the entity cards use to explain a name match; the Slack and CLI edges show them."""

SAME_NAME = "the same name once case, punctuation and legal form are set aside"
SAME_WORDS_OTHER_ORDER = "the same words in another order"
ALL_WORDS_TYPED = "every word typed is in the name"
SPELLED_ALIKE = "spelled alike ({score:.0f} % similar)"
