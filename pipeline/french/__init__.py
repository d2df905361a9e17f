"""The French language package: the lexicon (accent folding, months, number words), the grammars
(dates, calendar periods, amounts, names, ACTES matières), the spaCy tie-breaker and `patterns/`,
every phrasing regex by topic."""
