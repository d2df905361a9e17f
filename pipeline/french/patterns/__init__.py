"""French administrative phrasing, one module per topic.

Every regex that encodes how a délibération is worded lives here, named for what it reads, and
is tested with real phrasings from the corpus in tests/test_<topic>.py. Stage code imports the
topic it reads (`from pipeline.french.patterns import vote as P`) and writes no regex for
document wording of its own.

    dates       date spellings (numeric, long, written out), number words in dates
    stamp       the ACTES stamp: acte id, sent / received / published labels
    seance      the séance header: date, convocation, président, secrétaire, members, collectivité
    attendance  attendance lists, proxies, item ranges, arrivals and departures
    identity    objet, numero, rapporteur and speakers, commission opinion
    vote        tallies, unanimity, majority, dissenters' names, outcome, decision sentences
    segment     item headings, decision lines, agenda and closing lists, annex starts
    annexes     fiche-action labels, mesures, agreements, signatories, contract pages
"""
