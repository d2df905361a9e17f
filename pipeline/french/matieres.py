"""ACTES matière (nomenclature code, level 2) of a délibération, from its objet and body text.

Two ways to get it:
- the document prints it ("Classification : 4.1", "Matière : 7.1 Décisions budgétaires",
  "Nomenclature ACTES : 7.5.1"): taken as printed, confidence 1.0, level 3+ cut to level 2;
- otherwise a weighted lexicon: each level-2 code has cues (words, stems, multiword phrases of
  French local-government vocabulary), matched on accent-folded, lower-cased text with the small
  grammatical words removed. The objet counts most, then the body's decision part, then its exposé.
  The best-scoring code wins; the confidence grows with its share of the total evidence.

The label follows SCDL DELIB_MATIERE_NOM: level-1 label, "/", level-2 label, lower case with
accents, no comma and no parenthesis.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.french.first_chars import compile_guarded
from pipeline.french.lexicon import fold
from pipeline.french.patterns.identity import PRINTED_MATIERE_RE

NOMENCLATURE_FILE = "actes-matieres.tsv"

# Code used when no cue matches at all: "other competences of the communes".
FALLBACK_CODE = "9.1"


@dataclass(frozen=True)
class Guess:
    code: str  # level-2 ACTES code, e.g. "7.1"
    label: str  # SCDL DELIB_MATIERE_NOM, e.g. "finances locales/décisions budgétaires"
    confidence: float  # 0..1; 1.0 when printed in the document
    reason: str  # which printed line or which cues decided


@lru_cache(maxsize=1)
def load_nomenclature() -> dict[str, tuple[str, str]]:
    """{level-2 code: (level-1 label, level-2 label)} from the packaged ACTES nomenclature."""
    text = resources.files("pipeline.french").joinpath("data", NOMENCLATURE_FILE).read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            code, level1, level2 = line.split("\t")
            table[code] = (level1, level2)
    return table


def _scdl_part(label: str) -> str:
    # a comma or parenthesis is not SCDL; a slash inside a label ("Transactions / protocole
    # d'accord transactionnel") would put a spaced slash inside the value, which the SCDL check
    # rejects: it becomes a space
    label = re.sub(r"[,()]", " ", label.casefold())
    label = re.sub(r"\s*/\s*", " ", label)
    return " ".join(label.split())


def scdl_matiere_nom(level1: str, level2: str) -> str:
    """SCDL DELIB_MATIERE_NOM: "Finances locales", "Prise de participation (SEM, etc.)" ->
    "finances locales/prise de participation sem etc."."""
    return f"{_scdl_part(level1)}/{_scdl_part(level2)}"


def scdl_label(code: str) -> str:
    """DELIB_MATIERE_NOM for a level-2 code of the nomenclature."""
    return scdl_matiere_nom(*load_nomenclature()[code])


# --------------------------------------------------------------------------- printed line

def printed_matiere(text: str | None) -> Guess | None:
    """The matière printed in the document, cut to level 2; None if none is printed or the code is unknown."""
    if not text:
        return None
    nomenclature = load_nomenclature()
    # NFKC turns OCR ligatures ("ﬁ") back into letters.
    for match in PRINTED_MATIERE_RE.finditer(unicodedata.normalize("NFKC", text)):
        printed = match.group("code").replace(",", ".", 1)
        level1, level2 = printed.split(".")[:2]
        code = f"{level1}.{int(level2)}"
        if code in nomenclature:
            line = " ".join(match.group(0).split())
            return Guess(code, scdl_label(code), 1.0, f"printed: {line!r}")
    return None


# --------------------------------------------------------------------------- text normalisation

# Grammatical words dropped from both the text and the cues, so "garantie d'emprunt",
# "garantie des emprunts" and "garanties d emprunt" all read "garantie emprunt".
STOPWORDS = frozenset(
    "a au aux avec d de des du en et l la le les leur leurs ou par pour sa se ses son sur un une".split()
)


def normalise(text: str) -> str:
    """Folded words separated by single spaces, stopwords out, letters split from digits ("DM1" -> "dm 1")."""
    folded = fold(text)
    folded = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", folded)
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    joined = " ".join(w for w in words if w not in STOPWORDS)
    return " ".join(NEUTRAL_PHRASES_RE.sub(" ", joined).split())


# Phrases that look like cues but say nothing of the matter: prices ("hors taxes" is not a tax)
# and the place qualifiers of communes nouvelles ("commune déléguée" is not a délégué).
NEUTRAL_PHRASES_RE = re.compile(
    r"\b(?:hors taxes?|toutes taxes comprises|communes? deleguees?|communes? historiques?)\b"
)


# --------------------------------------------------------------------------- lexicon

# Cue syntax, on normalised words: "word" exact, "stem*" any ending, "..." up to two other words.
# Weights: ~3-3.5 for cues naming the kind of act (those decide the ACTES code: a subsidy request
# for road works is 7.5, not 8.3), ~2-2.5 for specific themes, 1-1.5 for weak hints.
LEXICON: dict[str, tuple[tuple[str, float], ...]] = {
    # 1 Commande publique
    "1.1": (
        ("marche* public*", 3.5), ("signature ... marche", 3), ("attribution ... marche", 3),
        ("passation ... marche", 3), ("marche* travaux", 3), ("marche* fourniture*", 3),
        ("marche* service*", 2.5), ("avenant* ... marche*", 3), ("appel* offre*", 3),
        ("procedure adaptee", 3), ("mapa", 3), ("accord* cadre*", 3), ("groupement* commande*", 3),
        ("consultation* entreprise*", 2.5), ("choix ... entreprise*", 3), ("choix ... prestataire*", 3),
        ("attribution* lot*", 2.5), ("devis", 2), ("retient ... entreprise*", 2), ("marche", 1),
        ("fourniture*", 1), ("prestataire*", 1), ("travaux", 1), ("refection*", 1), ("reparation*", 1),
    ),
    "1.2": (
        ("delegation* service* public*", 3.5), ("dsp", 3), ("concession* service* public*", 3.5),
        ("affermage", 3), ("delegataire*", 2.5), ("contrat* concession", 2),
    ),
    "1.3": (
        ("convention* mandat", 3.5), ("mandat* maitrise ouvrage", 3.5), ("maitrise ouvrage deleguee", 3.5),
        ("transfert* maitrise ouvrage", 3), ("mandataire*", 1.5),
    ),
    "1.4": (
        ("partenariat public prive", 3.5), ("contrat* partenariat", 3), ("convention* prestation*", 2.5),
        ("contrat* prestation*", 2.5), ("convention* assistance technique", 2.5), ("contrat* maintenance", 2),
        ("assistance technique", 1.5), ("convention*", 0.3), ("contrat*", 0.3),
    ),
    "1.5": (
        ("transaction*", 3), ("transactionnel*", 3.5), ("protocole* accord*", 3), ("reglement amiable", 2.5),
        ("indemnisation", 1),
    ),
    "1.6": (
        ("maitrise oeuvre", 3.5), ("maitre* oeuvre", 3), ("moe", 2), ("architecte*", 1.5),
        ("concours ... architecture", 3), ("jury* concours", 2),
    ),
    "1.7": (("penalite* retard", 2), ("sous traitance", 1.5)),
    # 2 Urbanisme
    "2.1": (
        ("plan local urbanisme", 3.5), ("plu", 3.5), ("plui", 3.5), ("carte communale", 3.5),
        ("schema coherence territoriale", 3.5), ("scot", 3), ("padd", 3),
        ("projet amenagement developpement durable*", 3), ("plan amenagement developpement durable*", 3),
        ("document* urbanisme", 3), ("modification simplifiee", 2), ("revision generale", 2),
        ("orientation* amenagement programmation", 2.5), ("reglement local publicite", 3),
        ("plan prevention risque*", 2), ("servitude* utilite publique", 2), ("site patrimonial remarquable", 2),
        ("plan sauvegarde mise valeur", 2.5), ("evaluation environnementale", 1), ("zonage", 1),
        ("urbanisme", 1.5),
    ),
    "2.2": (
        ("permis* construire", 3.5), ("permis* demolir", 3.5), ("permis* amenager", 3.5),
        ("declaration* prealable*", 3), ("autorisation* urbanisme", 3), ("certificat* urbanisme", 3),
        ("autorisation* prealable* travaux", 3.5), ("autorisation* travaux", 2), ("droit* sols", 2.5),
        ("application droit* sols", 3), ("instruction ... autorisation*", 2),
    ),
    "2.3": (
        ("droit* preemption*", 3.5), ("preemption*", 3), ("dpu", 3), ("declaration* intention aliener", 2.5),
    ),
    # 3 Domaine et patrimoine
    "3.1": (
        ("acquisition*", 3), ("acquerir", 2.5), ("achat* terrain*", 3), ("achat* parcelle*", 3),
        ("achat* immeuble*", 3), ("achat* batiment*", 3), ("achat*", 1.5), ("bien* sans maitre", 3),
        ("expropriation*", 3), ("retrocession*", 1.5), ("don", 2), ("dons", 2), ("legs", 2.5),
        ("donation*", 2.5), ("parcelle*", 0.5), ("terrain*", 0.5),
    ),
    "3.2": (
        ("cession*", 3), ("ceder", 2), ("vente*", 3), ("vendre", 2), ("alienation*", 3),
        ("echange* foncier*", 2), ("parcelle*", 0.5), ("terrain*", 0.5),
    ),
    "3.3": (
        ("location*", 2.5), ("bail", 3), ("baux", 3), ("loyer*", 3), ("locataire*", 2), ("fermage", 3),
        ("mise* disposition ... local", 2.5), ("mise* disposition ... locaux", 2.5),
        ("mise* disposition ... salle*", 2.5), ("mise* disposition ... batiment*", 2.5),
        ("mise* disposition ... terrain*", 2), ("mise* disposition", 1), ("sous location", 2), ("locaux", 1.5),
    ),
    "3.4": (("limite* territoriale*", 3.5), ("limite* commune*", 2.5), ("rectification* limite*", 3)),
    "3.5": (
        ("domaine public", 2.5), ("occupation ... domaine public", 3), ("redevance* occupation*", 3),
        ("rodp", 3), ("classement* ... domaine public", 3), ("declassement*", 3), ("desaffectation*", 2),
        ("autorisation* occupation temporaire", 2.5), ("concession* funeraire*", 2.5), ("reprise* concession*", 2.5),
        ("terrasse*", 1.5),
    ),
    "3.6": (
        ("domaine prive", 3), ("servitude*", 2.5), ("bornage", 2), ("affouage*", 3), ("coupe* bois", 2.5),
        ("vente* herbe", 3.5), ("chemin* rura*", 1.5), ("foret* communale*", 1.5), ("onf", 1.5),
    ),
    # 4 Fonction publique
    "4.1": (
        ("creation* poste*", 2.5), ("creation* emploi*", 2.5), ("suppression* poste*", 2.5),
        ("suppression* emploi*", 2.5), ("ouverture* poste*", 2.5), ("tableau* effectif*", 3),
        ("tableau* emploi*", 3), ("emploi* permanent*", 3), ("personnel*", 2), ("agent*", 1.5),
        ("stagiaire*", 1.5), ("titulaire*", 1.5), ("fonctionnaire*", 2), ("avancement* grade*", 3),
        ("promu* promouvable*", 3), ("temps partiel", 2), ("compte epargne temps", 3), ("astreinte*", 2),
        ("heures supplementaires", 2), ("mise* disposition ... personnel*", 3.5),
        ("mise* disposition ... agent*", 3.5), ("adjoint* technique*", 2), ("adjoint* administratif*", 2),
        ("adjoint* animation", 2), ("adjoint* patrimoine", 2), ("redacteur*", 1.5), ("instance* paritaire*", 3),
        ("comite technique", 2.5), ("comite social territorial", 2.5), ("chsct", 2.5),
        ("medecine preventive", 3), ("medecine travail", 3), ("prevention* risque* professionnel*", 3),
        ("document unique", 2), ("assurance* statutaire*", 3), ("cnracl", 2), ("ticket* restaurant*", 3),
        ("titre* restaurant*", 3), ("entretien* professionnel*", 3), ("plan* formation", 2),
        ("protection sociale complementaire", 3), ("prevoyance", 2), ("mutuelle*", 1.5),
        ("lignes directrices gestion", 3), ("temps travail", 2), ("teletravail", 3), ("action sociale ... personnel", 3),
        ("cnas", 1.5), ("centre* gestion", 1.5), ("cdg", 1.5), ("mutation", 1), ("recrutement*", 1),
        ("frais deplacement*", 1.5),
    ),
    "4.2": (
        ("contractuel*", 3), ("non titulaire*", 3), ("non permanent*", 3), ("accroissement* temporaire*", 3),
        ("accroissement* saisonnier*", 3), ("saisonnier*", 3), ("contrat* aide*", 2.5), ("cae", 2.5),
        ("cui", 2.5), ("parcours emploi competence*", 3), ("pec", 2.5), ("emploi* avenir", 3),
        ("contrat* accompagnement ... emploi", 3), ("remplacement* agent*", 2), ("cdd", 2), ("cdi", 2),
        ("contrat* projet", 2), ("recrutement* agent*", 1.5),
    ),
    "4.3": (("fonction publique hospitaliere", 3.5), ("personnel* hospitalier*", 3)),
    "4.4": (
        ("apprenti*", 3), ("apprentissage", 3), ("service civique", 3), ("vacataire*", 2.5), ("vacation*", 2),
        ("gratification* stage*", 3), ("stagiaire* ecole*", 2), ("collaborateur* cabinet", 3),
        ("agent* recenseur*", 3), ("assistant* maternel* ... creche*", 2),
    ),
    "4.5": (
        ("regime* indemnitaire*", 3.5), ("rifseep", 3.5), ("ifse", 3), ("complement indemnitaire", 3),
        ("cia", 2), ("prime*", 2), ("iat", 3), ("iemp", 3), ("ifts", 3), ("nbi", 3),
        ("nouvelle bonification indiciaire", 3), ("indemnite* horaire*", 2.5), ("indemnite* ... agent*", 2),
        ("indemnite*", 1),
    ),
    # 5 Institutions et vie politique
    "5.1": (
        ("election* maire", 3.5), ("election* ... adjoint*", 3.5), ("nombre* ... adjoint*", 3.5),
        ("election* president", 3.5), ("election* ... vice president*", 3.5), ("nombre* ... vice president*", 3.5),
        ("installation* conseil* municipal", 3), ("ordre tableau", 2), ("maire* delegue*", 1),
    ),
    "5.2": (
        ("reglement interieur ... conseil", 3.5), ("reglement interieur", 1.5), ("commission* municipale*", 2.5),
        ("creation* ... commission*", 2), ("composition ... commission*", 2), ("groupe* elu*", 2.5),
        ("groupe* politique*", 2.5), ("droit expression", 2), ("huis clos", 3), ("proces verbal", 1.5),
        ("lieu* reunion* conseil", 3), ("visioconference", 1.5), ("comite* consultatif*", 2),
        ("conseil* quartier*", 2), ("fonctionnement ... conseil*", 2),
    ),
    "5.3": (
        ("designation*", 3), ("designation* ... membre*", 3.5), ("designer", 2.5), ("representant*", 2.5), ("delegue*", 1.5),
        ("election* ... membre*", 3), ("election* ... delegue*", 3), ("membre* ... commission*", 1.5),
        ("correspondant*", 1.5), ("commission* appel* offre*", 1.5), ("commission* ... delegation* service* public*", 1.5), ("conseil* administration", 1.5),
        ("referent*", 1), ("commissaire*", 1),
    ),
    "5.4": (
        ("delegation* ... maire", 3), ("delegation* attribution*", 3), ("delegation* fonction*", 3),
        ("delegation* ... president", 2.5), ("delegation* ... bureau", 2.5), ("2122 22", 3),
    ),
    "5.5": (("delegation* signature", 3),),
    "5.6": (
        ("indemnite* fonction*", 3.5), ("indemnite* ... elu*", 3.5), ("indemnite* ... maire*", 3),
        ("indemnite* ... adjoint*", 3), ("indemnite* ... conseiller*", 3), ("formation* ... elu*", 3),
        ("mandat* special*", 3), ("frais mission*", 2), ("frais ... elu*", 2), ("statut* elu*", 2),
        ("conseiller* municipa* delegue*", 1.5),
    ),
    "5.7": (
        ("intercommuna*", 2.5), ("communaute* communes", 2.5), ("communaute* agglomeration", 2.5),
        ("communaute* urbaine", 2.5), ("metropole", 1.5), ("epci", 2.5), ("syndicat*", 2),
        ("syndicat* mixte*", 2.5), ("sivom", 2.5), ("sivu", 2.5), ("siaep", 2.5), ("sdci", 3),
        ("schema departemental cooperation intercommunale", 3), ("modification* ... statut*", 2.5),
        ("statut*", 1.5), ("adhesion*", 1.5), ("retrait*", 1.5), ("transfert* ... competence*", 3),
        ("competence*", 1.5), ("clect", 2), ("attribution* compensation", 2.5), ("rapport* activite*", 2),
        ("pacte financier fiscal", 2), ("mutualisation", 2), ("service* commun*", 2),
    ),
    "5.8": (
        ("ester ... justice", 3.5), ("ester", 3), ("contentieux", 2.5), ("requete*", 1.5),
        ("tribunal administratif", 1.5), ("recours", 1.5), ("avocat*", 2), ("action* justice", 3),
        ("constitution* partie civile", 3), ("appel* ... jugement", 3),
    ),
    # 6 Libertés publiques et pouvoirs de police
    "6.1": (
        ("police municipale", 3.5), ("pouvoir* police", 2.5), ("arrete* police", 2.5), ("videoprotection", 2.5),
        ("video protection", 2.5), ("garde* champetre*", 2.5), ("asvp", 2.5), ("fourriere", 2),
        ("divagation", 2), ("chien* dangereux", 2.5), ("debit* boisson*", 2), ("prevention* delinquance", 1.5),
        ("securite publique", 1.5), ("stationnement", 1), ("circulation", 1),
    ),
    "6.2": (("pouvoir* president* conseil* general", 3.5), ("pouvoir* president* conseil* departemental", 3.5)),
    "6.3": (("pouvoir* president* conseil* regional", 3.5),),
    "6.4": (
        ("repos dominical", 3), ("ouverture* dominicale*", 3), ("derogation* ... dimanche*", 3),
        ("reglement* cimetiere*", 2.5), ("reglementation", 1.5), ("arrete* municipa*", 1),
    ),
    "6.5": (("etat civil", 2), ("liste* electorale*", 2.5), ("bureau* vote", 2), ("nom ... etat", 1)),
    # 7 Finances locales
    "7.1": (
        ("budget* primitif*", 3.5), ("budget* supplementaire*", 3.5), ("decision* modificative*", 3.5),
        ("dm", 2), ("compte* administratif*", 3.5), ("compte* gestion", 3.5), ("compte financier unique", 3.5),
        ("affectation* resultat*", 3.5), ("reprise* resultat*", 3), ("budget* annexe*", 3), ("vote* ... budget*", 3),
        ("budget*", 1.5), ("budgetaire*", 1.5), ("orientation* budgetaire*", 3.5), ("autorisation* programme*", 2.5),
        ("credit* paiement", 2), ("depense* investissement ... avant ... vote", 3.5),
        ("engager liquider mandater", 3), ("reste* realiser", 3), ("reste* recouvrer", 3),
        ("admission* non valeur*", 3.5), ("creance* irrecouvrable*", 3), ("creance* eteinte*", 3),
        ("provision*", 2), ("amortissement*", 2.5), ("virement* credit*", 3), ("m14", 1.5), ("m57", 2.5),
        ("m49", 1.5), ("fonds roulement", 1.5), ("resultat*", 1),
    ),
    "7.2": (
        ("taux ... imposition", 3.5), ("imposition*", 2.5), ("fiscal*", 2.5), ("impot*", 2.5),
        ("taxe*", 2.5), ("taxe* fonciere*", 3), ("taxe* habitation", 3), ("taxe* amenagement", 3.5),
        ("taxe* sejour", 3.5), ("tlpe", 3), ("exoneration*", 2), ("abattement*", 2), ("degrevement*", 2.5),
        ("cfe", 2), ("tfpb", 2.5), ("tfpnb", 2.5), ("teom", 3), ("valeur* locative*", 2.5),
        ("base* imposition", 3), ("versement mobilite", 2.5),
    ),
    "7.3": (
        ("emprunt*", 3), ("garantie* ... emprunt*", 3.5), ("pret", 2), ("prets", 2), ("garantie* ... pret*", 3),
        ("ligne* tresorerie", 3), ("refinancement*", 2.5), ("renegociation*", 2), ("reamenagement* dette*", 3),
        ("dette*", 2), ("contrat* pret*", 3),
    ),
    "7.4": (
        ("aide* ... entreprise*", 3), ("aide* economique*", 3), ("intervention* economique*", 3),
        ("immobilier* entreprise*", 3), ("developpement economique", 2), ("commerce*", 1), ("artisan*", 1),
        ("attractivite", 1), ("prime* installation", 2),
    ),
    "7.5": (
        ("subvention*", 3), ("subventionne*", 2), ("detr", 3), ("dsil", 3),
        ("dotation* equipement* territoires ruraux", 3), ("dotation* soutien investissement local", 3),
        ("demande* aide* financiere*", 2.5), ("aide* financiere*", 2), ("sollicit* aide*", 2),
        ("plan* financement", 2), ("financement*", 1), ("fonds soutien", 1.5), ("feder", 2), ("leader", 1),
        ("amende* police", 2), ("bourse*", 2), ("aide* ... association*", 2.5), ("association*", 1),
    ),
    "7.6": (
        ("contribution*", 2.5), ("participation* ... syndicat*", 4), ("contribution* ... syndicat*", 4),
        ("participation* financiere*", 2), ("participation*", 1), ("cotisation*", 3), ("adhesion*", 1.5),
        ("adhesion* ... association*", 3), ("sdis", 2), ("fonds solidarite logement", 2),
    ),
    "7.7": (("avance", 2.5), ("avances", 2.5), ("avance* remboursable*", 3.5), ("avance* tresorerie", 3.5)),
    "7.8": (("fonds concours", 3.5), ("fond concours", 3.5)),
    "7.9": (
        ("prise* participation", 3.5), ("sem", 2.5), ("semop", 3), ("societe* economie mixte", 3),
        ("economie mixte", 3), ("spl", 2.5), ("societe* publique* locale*", 3), ("capital social", 2.5),
        ("augmentation* capital", 3), ("actionnaire*", 2.5), ("assemblee speciale", 2.5), ("scic", 2.5),
        ("parts sociales", 3),
    ),
    "7.10": (
        ("tarif*", 3.5), ("grille* tarifaire*", 3.5), ("bareme*", 2.5), ("regie*", 2.5),
        ("regie* recette*", 3.5), ("regie* avance*", 3.5), ("redevance*", 2), ("gratuite*", 2), ("caution*", 1.5),
        ("indemnite* conseil", 2.5), ("receveur*", 2.5), ("comptable* public*", 2), ("tresorier*", 2),
        ("gardiennage* eglise*", 3), ("remboursement*", 1.5), ("titre* recette*", 2), ("facturation", 2),
        ("droit* place", 3), ("droit* entree", 2.5), ("participation* familles", 2.5), ("quotient familial", 2),
        ("sinistre*", 2), ("remise* gracieuse*", 3), ("encaissement*", 2), ("tipi", 2), ("supplement*", 1),
        ("prix", 1),
    ),
    # 8 Domaines de compétences par thèmes
    "8.1": (
        ("ecole*", 2), ("scolaire*", 2), ("groupe* scolaire*", 2.5), ("periscolaire*", 2), ("enseignement*", 2.5),
        ("college*", 1.5), ("lycee*", 1.5), ("eleve*", 2), ("classe* decouverte", 3), ("classe* mer", 3),
        ("classe* neige", 3), ("classe* verte*", 3), ("classe* transplantee*", 3), ("cantine*", 2),
        ("restauration scolaire", 2.5), ("rythme* scolaire*", 3), ("fourniture* scolaire*", 2.5),
        ("carte scolaire", 3), ("caisse* ecole*", 2), ("ulis", 2), ("frais ... scolarite", 3),
        ("frais fonctionnement ... ecole*", 3), ("universite*", 1.5), ("enseignement superieur", 2),
        ("accueil* loisir*", 1),
    ),
    "8.2": (
        ("aide sociale", 3), ("action sociale", 2), ("ccas", 2.5), ("centre communal action sociale", 3),
        ("social*", 1), ("solidarite*", 1.5), ("personne* agee*", 2.5), ("senior*", 1.5), ("handicap*", 2),
        ("ehpad", 1.5), ("maison* retraite", 2), ("petite enfance", 2), ("creche*", 2), ("multi accueil", 2),
        ("relais* ... assistant* maternel*", 2.5), ("enfance jeunesse", 2), ("contrat* enfance jeunesse", 3),
        ("convention territoriale globale", 3), ("caf", 2), ("caisse* allocations familiales", 2.5),
        ("famille*", 1), ("rsa", 2.5), ("banque alimentaire", 2), ("portage* repas", 3), ("precarite", 2),
        ("pauvrete", 2), ("sejour* ... vacances", 2), ("jeunesse", 1), ("sante", 1), ("insertion", 1),
    ),
    "8.3": (
        ("voirie*", 3), ("voie* communale*", 3), ("voie*", 0.8), ("chemin*", 1.5), ("rue*", 0.5), ("route*", 1),
        ("chaussee*", 2), ("trottoir*", 2), ("enrobe*", 2), ("eclairage* public*", 2.5),
        ("denomination* ... voie*", 3.5), ("denomination* ... rue*", 3.5), ("denomination* ... place*", 3.5),
        ("denomination* ... voirie*", 3.5), ("denomination*", 2), ("numerotation*", 2), ("adressage", 3),
        ("signalisation", 2), ("parking*", 1.5), ("ouvrage* art", 2), ("securite routiere", 2),
        ("ralentisseur*", 2.5), ("radar* pedagogique*", 2), ("giratoire*", 2.5), ("carrefour*", 2),
        ("effacement* reseau*", 2.5), ("enfouissement* reseau*", 2.5), ("deneigement", 2.5), ("fauchage", 2),
        ("programme* voirie", 3),
    ),
    "8.4": (
        ("amenagement* territoire*", 3), ("zone* amenagement concerte*", 2.5), ("zac", 2.5), ("lotissement*", 2.5),
        ("petites villes demain", 3), ("action coeur ville", 3), ("revitalisation", 2.5),
        ("operation* amenagement*", 2.5), ("concession* amenagement*", 3), ("centre* bourg*", 2),
        ("projet* urbain*", 2), ("contrat* ruralite", 2.5), ("crte", 2.5), ("fibre*", 2), ("haut debit", 2.5),
        ("tres haut debit", 2.5), ("numerique", 1.5), ("zone* activite*", 2), ("friche*", 2),
        ("amenagement* foncier*", 2.5), ("remembrement", 2.5), ("amenagement*", 1),
    ),
    "8.5": (
        ("politique* ville", 3), ("contrat* ville", 3), ("quartier* prioritaire*", 3), ("qpv", 3),
        ("logement*", 2.5), ("habitat", 2.5), ("bailleur* sociau*", 2.5), ("hlm", 2.5), ("logement* sociau*", 3),
        ("opah", 3), ("programme local habitat", 3), ("plh", 3), ("anru", 3), ("npnru", 3),
        ("renovation urbaine", 3), ("renouvellement urbain", 2.5), ("gens voyage", 2.5),
        ("hebergement* urgence", 2.5), ("insalubr*", 2.5), ("habitat indigne", 3), ("copropriete*", 2),
        ("accession* propriete", 2.5), ("primo accedant*", 2.5),
    ),
    "8.6": (
        ("formation professionnelle", 3), ("insertion professionnelle", 3), ("mission locale", 3),
        ("pole emploi", 2.5), ("france travail", 2.5), ("chantier* insertion", 3), ("clause* insertion", 2.5),
        ("plie", 2.5), ("maison* emploi", 3), ("demandeur* emploi", 2.5), ("insertion", 1),
    ),
    "8.7": (
        ("transport*", 2.5), ("mobilite*", 2), ("plan* mobilite", 3), ("autorite organisatrice", 2.5),
        ("bus", 2), ("tramway", 3), ("navette*", 2), ("covoiturage", 2.5), ("velo*", 2), ("cyclable*", 2.5),
        ("gare*", 2), ("ferroviaire*", 2.5), ("sncf", 2), ("borne* recharge", 2), ("infrastructure* recharge", 2),
    ),
    "8.8": (
        ("environnement*", 2.5), ("eau potable", 2.5), ("assainissement*", 2.5),
        ("eaux pluviales", 2.5), ("spanc", 3), ("dechet*", 2.5), ("ordures menageres", 3), ("tri selectif", 2.5),
        ("collecte*", 1.5), ("energie*", 1.5), ("energie* renouvelable*", 3), ("eolien*", 3),
        ("photovoltaique*", 2.5), ("zone* acceleration", 3), ("transition ecologique", 2),
        ("transition energetique", 2.5), ("climat*", 2), ("pcaet", 3), ("biodiversite", 2.5), ("natura 2000", 3),
        ("espace* naturel*", 2.5), ("zone* humide*", 2.5), ("riviere*", 1.5), ("cours eau", 2),
        ("ruissellement*", 2), ("inondation*", 2), ("gemapi", 3), ("sage", 2.5), ("sdage", 3),
        ("schema amenagement gestion eaux", 3), ("bassin* versant*", 2), ("installation* classee*", 3),
        ("icpe", 3), ("autorisation environnementale", 3), ("carriere*", 2), ("enquete publique", 1),
        ("prix ... qualite", 3), ("rpqs", 3), ("verger*", 1.5), ("haie*", 1.5), ("arbre*", 1),
        ("plantation*", 1), ("developpement durable", 1.5), ("pollution*", 2), ("compostage", 2),
        ("methanisation", 2.5), ("reseau* chaleur", 2.5), ("economie* energie*", 2), ("renovation energetique", 2),
    ),
    "8.9": (
        ("culture*", 2.5), ("musee*", 2.5), ("bibliotheque*", 2.5), ("mediatheque*", 2.5),
        ("patrimoine", 2), ("monument* historique*", 2.5), ("festival*", 2.5), ("spectacle*", 2.5),
        ("theatre*", 2.5), ("musique*", 2), ("conservatoire*", 2.5), ("ecole* musique", 3.5),
        ("exposition*", 2), ("lecture publique", 2.5), ("cinema*", 2.5), ("livre*", 1), ("sport*", 1.5),
        ("orgue*", 2), ("eglise*", 1), ("artiste*", 2), ("oeuvre* art", 2.5),
    ),
    # 9 Autres domaines de compétences
    "9.1": (
        ("cimetiere*", 1.5), ("funeraire*", 1.5), ("ceremonie*", 2), ("fete*", 1.5), ("jumelage*", 2.5),
        ("cooperation decentralisee", 2.5), ("tourisme", 1.5), ("touristique*", 1.5), ("camping*", 1),
        ("mariage*", 1), ("incendie", 1), ("illumination*", 2),
    ),
    "9.4": (("voeu*", 3.5), ("motion*", 3.5), ("prise* position", 2)),
}


@dataclass(frozen=True)
class _Cue:
    code: str
    text: str
    weight: float
    pattern: re.Pattern[str]
    words: tuple[str, ...]  # the cue's words, "stem*" kept as is, "..." left out

    def words_present(self, words: frozenset[str], sorted_words: list[str]) -> bool:
        """Cheap pre-check before the regex: every word (or stem) of the cue occurs in the text."""
        for word in self.words:
            if word.endswith("*"):
                stem = word[:-1]
                i = bisect.bisect_left(sorted_words, stem)
                if i == len(sorted_words) or not sorted_words[i].startswith(stem):
                    return False
            elif word not in words:
                return False
        return True


def _compile(cue: str) -> re.Pattern[str]:
    # Each word part starts with its separating space. Texts are searched with a leading space,
    # so the pattern starts with a literal (fast to search) and every cue word starts a word.
    parts = []
    for token in cue.split():
        if token == "...":
            parts.append(r"(?: [a-z0-9]+){0,2}")
        elif token.endswith("*"):
            parts.append(" " + re.escape(token[:-1]) + r"[a-z0-9]*")
        else:
            parts.append(" " + re.escape(token))
    return re.compile("".join(parts) + r"(?![a-z0-9])")


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    nomenclature = load_nomenclature()
    cues = []
    for code, entries in LEXICON.items():
        assert code in nomenclature, code
        for text, weight in entries:
            words = tuple(w for w in text.split() if w != "...")
            cues.append(_Cue(code, text, weight, _compile(text), words))
    return tuple(cues)


@lru_cache(maxsize=1)
def _cues_by_first_word() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[str, int], ...]]:
    """The cues' positions in _cues() by their first word ({word: positions}) and, for a first
    word given as a stem ("ecole*"), (stem, position) pairs: a cue whose first word is not in a
    text cannot match it, so a text is compared with the few cues its words open."""
    by_word: dict[str, list[int]] = {}
    by_stem: list[tuple[str, int]] = []
    for position, cue in enumerate(_cues()):
        first = cue.words[0]
        if first.endswith("*"):
            by_stem.append((first[:-1], position))
        else:
            by_word.setdefault(first, []).append(position)
    return {word: tuple(positions) for word, positions in by_word.items()}, tuple(by_stem)


def _candidate_cues(words: frozenset[str], sorted_words: list[str]) -> list[_Cue]:
    """The cues whose first word (or stem) occurs among `words`, in _cues() order."""
    by_word, by_stem = _cues_by_first_word()
    positions = {p for word in words for p in by_word.get(word, ())}
    for stem, position in by_stem:
        i = bisect.bisect_left(sorted_words, stem)
        if i < len(sorted_words) and sorted_words[i].startswith(stem):
            positions.add(position)
    cues = _cues()
    return [cues[p] for p in sorted(positions)]


# --------------------------------------------------------------------------- body zones

# Where the decision part of a délibération starts: what follows carries the act itself,
# what precedes (the exposé, the "Vu ..." list) only its context.
DECISION_START_RE = compile_guarded(
    r"apres en avoir delibere|\bdelibere\s*:|\bdecide(?:nt)?\b|\bil est (?:donc )?propose au conseil"
    r"|\best demande au conseil|\ben consequence\b"
)

# A sentence that mentions the budget only to say where the expense is booked ("La dépense
# sera inscrite au budget primitif") is not budget evidence: it has "budget" and one of these.
BOOKING_WORDS_RE = re.compile(r"\b(?:inscri\w*|credits?|imput\w*|prelev\w*|chapitre|regler)\b")

ZONE_WEIGHTS = {"objet": 1.0, "decision": 0.4, "expose": 0.15}


def body_zones(body: str) -> dict[str, str]:
    """{'decision': ..., 'expose': ...} of a body text (folded), boilerplate budget sentences removed."""
    sentences = re.split(r"(?<=[.\n])", fold(body))
    folded = "".join(
        " " if "budget" in sentence and BOOKING_WORDS_RE.search(sentence) else sentence for sentence in sentences
    )
    match = DECISION_START_RE.search(folded)
    if match is None:
        return {"decision": "", "expose": folded}
    return {"decision": folded[match.start():], "expose": folded[: match.start()]}


# --------------------------------------------------------------------------- classification


def cue_scores(zones: dict[str, str]) -> tuple[dict[str, float], dict[str, list[tuple[str, str, float]]]]:
    """Per-code score and the cues behind it: [(zone, cue, weighted points)], strongest first.

    A cue counts once per zone. Within a code, evidence has diminishing returns (the k-th strongest
    cue counts 1/2^k), so a theme named by several synonyms ("école", "scolaire") does not outweigh
    one cue naming the kind of act ("autorisation préalable de travaux").
    """
    hits: dict[str, list[tuple[str, str, float]]] = {}
    for zone, text in zones.items():
        if not text:
            continue
        normalised = " " + normalise(text)  # leading space: see _compile
        words = frozenset(normalised.split())
        sorted_words = sorted(words)
        for cue in _candidate_cues(words, sorted_words):
            if cue.words_present(words, sorted_words) and cue.pattern.search(normalised):
                hits.setdefault(cue.code, []).append((zone, cue.text, cue.weight * ZONE_WEIGHTS[zone]))
    scores: dict[str, float] = {}
    for code, code_hits in hits.items():
        code_hits.sort(key=lambda h: -h[2])
        scores[code] = sum(points / 2**rank for rank, (_, _, points) in enumerate(code_hits))
    return scores, hits


def confidence_from_scores(best: float, runner_up: float) -> float:
    """Share of the evidence held by the best code, against the runner-up and one point of 'unknown'."""
    return round(best / (best + runner_up + 1.0), 2)


def classify(objet: str | None, body: str | None) -> Guess:
    """The ACTES level-2 matière of a délibération: printed if the body prints it, else inferred."""
    printed = printed_matiere(body)
    if printed is not None:
        return printed
    zones = {"objet": objet or ""}
    if body:
        zones.update(body_zones(body))
    scores, hits = cue_scores(zones)
    if not scores:
        return Guess(FALLBACK_CODE, scdl_label(FALLBACK_CODE), 0.0, "no cue matched; default code")
    # Ties go to the code whose objet evidence is larger, then to the nomenclature order.
    order = {code: i for i, code in enumerate(load_nomenclature())}

    def objet_points(code: str) -> float:
        return sum(p for zone, _, p in hits[code] if zone == "objet")

    ranked = sorted(scores, key=lambda c: (-scores[c], -objet_points(c), order[c]))
    best = ranked[0]
    runner_up = ranked[1] if len(ranked) > 1 else None
    second = scores[runner_up] if runner_up else 0.0
    cues = ", ".join(f"{zone}:'{text}' +{round(points, 2):g}" for zone, text, points in hits[best])
    reason = f"{best} {round(scores[best], 2):g} ({cues})"
    if runner_up:
        reason += f"; runner-up {runner_up} {round(second, 2):g}"
    return Guess(best, scdl_label(best), confidence_from_scores(scores[best], second), reason)
