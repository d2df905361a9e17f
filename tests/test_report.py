"""`delib report`: the HTML is parsed back and its numbers checked against SQL on the same database;
text is escaped, every row links to its PDF page, nothing is fetched from the network, and (where
a headless Chromium is installed) the page renders and its script runs without error."""
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.orchestration import batch
from pipeline.cli import app
from pipeline.store import connect
from pipeline.outputs._db import open_read_only
from pipeline.outputs.report import MissingPersons, read_report_data, write_report
from pipeline.outputs.report_html import pdf_href
from pipeline.store.persons import rebuild_persons

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


class ReportParser(HTMLParser):
    """Every data table of the page: {table id: [row]}, a row being {'attrs': tr attributes,
    col: {'text': cell text, 'href': first link}}; also the script tags and external references."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[dict]] = {}
        self.scripts = 0
        self.svgs = 0
        self.references: list[str] = []  # src / href values
        self._table = self._row = self._cell = None
        self._in_tbody = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if name in attrs:
                self.references.append(attrs[name])
        if tag == "script":
            self.scripts += 1
        elif tag == "svg":
            self.svgs += 1
        elif tag == "table" and "data" in attrs.get("class", ""):
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody and self._table is not None:
            self._row = {"attrs": attrs}
            self._table.append(self._row)
        elif tag == "td" and self._row is not None:
            self._cell = self._row.setdefault(attrs["data-col"], {"text": "", "href": None, "sort": attrs.get("data-sort")})
        elif tag == "a" and self._cell is not None and self._cell["href"] is None:
            self._cell["href"] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "tbody":
            self._in_tbody = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def parse(path: Path) -> ReportParser:
    parser = ReportParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def council_tables(report: ReportParser, prefix: str) -> list[dict]:
    return [row for table_id, rows in report.tables.items() if table_id.startswith(prefix) for row in rows]


# --- a small database written from real snippets ---------------------------------------------------

OBJET_WITH_MARKUP = "Tarifs <script>alert('x')</script> & « Bar’Bouilles »"


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """Two séances of one council (Pierrefonds names and phrasings) and one of another, written
    row by row: known attendance, proxies, dissenters, an anomaly."""
    path = tmp_path_factory.mktemp("report") / "small.duckdb"
    con = connect(path)
    pdf = "/archive/pierrefonds/compte-rendu-04-04-2016.pdf"
    con.execute("INSERT INTO documents (document_id, source_path, status, page_count) VALUES "
                "('p1', ?, 'ok', 12), ('p2', '/archive/pierrefonds/compte-rendu-12-12-2017.pdf', 'ok', 8), "
                "('a1', '/archive/audierne/DE2021-060.pdf', 'ok', 3), ('bad', '/archive/scan.pdf', 'no_text', 2)", [pdf])
    con.execute("INSERT INTO seances (seance_id, collectivite, seance_date, president, members_in_office) VALUES "
                "('s1', 'Commune de Pierrefonds', '2016-04-04', 'Michèle BOURBIER', 19), "
                "('s2', 'Commune de Pierrefonds', '2017-12-12', 'Michèle BOURBIER', 19), "
                "('s3', 'commune d’Audierne', '2021-06-29', 'Gurvan KERLOC’H', 29)")
    delibs = [("p1-0", "p1", "s1", "Repas des aînés 2016", 7, 16, 0, 3), ("p1-1", "p1", "s1", OBJET_WITH_MARKUP, 9, 17, 1, 0),
              ("p2-0", "p2", "s2", "Budget - Eau et Assainissement", 2, 18, 0, 0), ("a1-0", "a1", "s3", "Approbation du PLU", 1, 27, 0, 0)]
    for delib_id, doc, seance, objet, page, pour, contre, abstention in delibs:
        con.execute("INSERT INTO deliberations (deliberation_id, document_id, seance_id, objet, page_start, page_end, "
                    "votes_pour, votes_contre, votes_abstention, rapporteur, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'adopted')",
                    [delib_id, doc, seance, objet, page, page + 1, pour, contre, abstention, "LEBLANC"])
    attendance = {
        "p1-0": [("Michel LEBLANC", "present", None), ("Ronan TANGUY", "present", None), ("Dolorès HUDO", "represented", "Jean-Marc GOSSOT"),
                 ("Jean-Marc GOSSOT", "present", None), ("Antonio MENDES", "absent", None)],
        "p1-1": [("Michel LEBLANC", "present", None), ("Ronan TANGUY", "present", None), ("Dolorès HUDO", "represented", "Jean-Marc GOSSOT"),
                 ("Jean-Marc GOSSOT", "present", None), ("Antonio MENDES", "represented", "Florence DEMOUY")],
        "p2-0": [("LEBLANC", "present", None), ("Ronan TANGUY", "absent", None), ("Dolorès HUDO", "represented", "GOSSOT"),
                 ("Jean-Marc GOSSOT", "present", None), ("Florence DEMOUY", "present", None)],
        "a1-0": [("Éric BOSSER", "present", None), ("Pierre-Marie BOSSER", "represented", "Eric BOSSER")],
    }
    for delib_id, rows in attendance.items():
        for person, status, proxy in rows:
            con.execute("INSERT INTO attendance (deliberation_id, person, status, proxy, page) VALUES (?, ?, ?, ?, ?)",
                        [delib_id, person, status, proxy, 1])
    # "Contre : 1, Monsieur TANGUY"; "Abstentions : 3 (Mme HUDO, Mme DANAN, M. GOSSOT)"
    con.execute("INSERT INTO vote_names (deliberation_id, document_id, person, vote) VALUES "
                "('p1-1', 'p1', 'TANGUY', 'contre'), ('p1-0', 'p1', 'HUDO', 'abstention'), "
                "('p1-0', 'p1', 'Emmanuelle DANAN', 'abstention'), ('p1-0', 'p1', 'GOSSOT', 'abstention')")
    con.execute("INSERT INTO provenance (document_id, deliberation_id, field, page) VALUES ('p1', 'p1-1', 'votes_contre', 10)")
    con.execute("INSERT INTO anomalies VALUES ('p1-0', 'p1', 'vote_vs_attendance', "
                "'present 14 + represented 3 - non-participation 0 = 17, but pour+contre+abstention = 19')")
    rebuild_persons(con)
    con.close()
    return path


@pytest.fixture(scope="module")
def small_report(small_db, tmp_path_factory) -> tuple[Path, ReportParser]:
    out = tmp_path_factory.mktemp("out") / "report.html"
    write_report(small_db, out)
    return out, parse(out)


def test_member_attendance_matches_sql(small_db, small_report):
    _, report = small_report
    rows = council_tables(report, "members-")
    with duckdb.connect(str(small_db), read_only=True) as con:
        expected = {pid: (present, represented, absent, pct) for pid, present, represented, absent, pct in con.execute(
            "SELECT person_id, count(*) FILTER (WHERE status = 'present'), count(*) FILTER (WHERE status = 'represented'), "
            "count(*) FILTER (WHERE status = 'absent'), round(100.0 * count(*) FILTER (WHERE status = 'present') / count(*), 1) "
            "FROM attendance GROUP BY person_id").fetchall()}
    shown = {r["attrs"]["data-person-id"]: (int(r["present"]["text"]), int(r["represented"]["text"]), int(r["absent"]["text"]),
                                            float(r["present_pct"]["text"])) for r in rows}
    assert shown == expected
    by_name = {r["display_name"]["text"]: r for r in rows}
    # "LEBLANC" (2017) is Michel LEBLANC: one member, listed 3 times, present 3 times
    assert by_name["Michel LEBLANC"]["listed"]["text"] == "3" and by_name["Michel LEBLANC"]["variants"]["text"] == "LEBLANC"
    assert by_name["Ronan TANGUY"]["present_pct"]["text"] == "66.7"


def test_proxy_counts_match_sql(small_db, small_report):
    _, report = small_report
    rows = council_tables(report, "proxies-")
    with duckdb.connect(str(small_db), read_only=True) as con:
        expected = {(g, h): n for g, h, n in con.execute(
            "SELECT person_id, proxy_person_id, count(*) FROM attendance WHERE status = 'represented' AND proxy IS NOT NULL "
            "GROUP BY ALL").fetchall()}
    shown = {(r["attrs"]["data-giver-id"], r["attrs"]["data-holder-id"]): int(r["deliberations"]["text"]) for r in rows}
    assert shown == expected
    by_pair = {(r["giver"]["text"], r["holder"]["text"]): r for r in rows}
    # "GOSSOT" holding in 2017 is Jean-Marc GOSSOT: 3 délibérations over 2 séances
    assert by_pair[("Dolorès HUDO", "Jean-Marc GOSSOT")]["deliberations"]["text"] == "3"
    assert by_pair[("Dolorès HUDO", "Jean-Marc GOSSOT")]["seances"]["text"] == "2"
    # Audierne: the holder printed "Eric BOSSER" is Éric, not Pierre-Marie
    assert ("Pierre-Marie BOSSER", "Éric BOSSER") in by_pair


def test_dissenters_are_named_as_persons(small_db, small_report):
    _, report = small_report
    votes = {r["attrs"]["data-deliberation-id"]: r for r in council_tables(report, "votes-")}
    assert set(votes) == {"p1-0", "p1-1"}
    with duckdb.connect(str(small_db), read_only=True) as con:
        for delib_id, row in votes.items():
            for vote, column in (("contre", "contre_names"), ("abstention", "abstention_names")):
                names = sorted(n for (n,) in con.execute(
                    "SELECT p.display_name FROM vote_names v JOIN persons p USING (person_id) WHERE v.deliberation_id = ? "
                    "AND v.vote = ?", [delib_id, vote]).fetchall())
                assert sorted(filter(None, row[column]["text"].split(", "))) == names
    assert votes["p1-1"]["contre_names"]["text"] == "Ronan TANGUY"
    assert votes["p1-0"]["abstention_names"]["text"] == "Dolorès HUDO, Emmanuelle DANAN, Jean-Marc GOSSOT"
    assert votes["p1-1"]["page"]["href"].endswith("compte-rendu-04-04-2016.pdf#page=10")  # the vote's own page
    dissent = {r["name"]["text"]: r for r in council_tables(report, "dissent-")}
    assert (dissent["Ronan TANGUY"]["contre"]["text"], dissent["Jean-Marc GOSSOT"]["abstention"]["text"]) == ("1", "1")


def test_every_row_links_to_its_pdf_page(small_db, small_report):
    _, report = small_report
    rows = council_tables(report, "delibs-")
    with duckdb.connect(str(small_db), read_only=True) as con:
        expected = {d: f"{Path(p).as_uri()}#page={n}" for d, p, n in con.execute(
            "SELECT deliberation_id, source_path, page_start FROM deliberations JOIN documents USING (document_id)").fetchall()}
    assert {r["attrs"]["data-deliberation-id"]: r["page_start"]["href"] for r in rows} == expected
    for prefix, column in (("seances-", "first"), ("members-", "last"), ("proxies-", "first"), ("anomalies-", "page")):
        links = [r[column]["href"] for r in council_tables(report, prefix)]
        assert links and all(re.match(r"^file:///archive/.+\.pdf#page=\d+$", link) for link in links), prefix


def test_text_is_escaped_and_nothing_comes_from_the_network(small_report):
    path, report = small_report
    html = path.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp;" in html
    assert report.scripts == 1  # ours only
    objets = [r["objet"]["text"] for r in council_tables(report, "delibs-")]
    assert OBJET_WITH_MARKUP in objets  # read back exactly
    assert not [ref for ref in report.references if re.match(r"^(?:https?:)?//", ref)]
    assert "<link" not in html and "@import" not in html and not re.search(r"url\((?!#)", html)  # url(#clip) is in-page
    assert not re.search(r'xlink:href="(?!data:|#)', html)  # SVG images are embedded as data
    assert report.svgs >= 4  # heatmap, séance bars, proxy network of Pierrefonds at least


def test_councils_and_unread_documents_are_listed(small_report):
    _, report = small_report
    councils = {r["attrs"]["data-council-key"]: r for r in report.tables["councils"]}
    assert set(councils) == {"pierrefonds", "audierne"}
    assert (councils["pierrefonds"]["seances"]["text"], councils["pierrefonds"]["deliberations"]["text"]) == ("2", "3")
    assert [r["status"]["text"] for r in report.tables["unread"]] == ["no_text"]
    anomalies = council_tables(report, "anomalies-")
    assert [a["check_name"]["text"] for a in anomalies] == ["vote_vs_attendance"]


def test_pdf_links_are_percent_encoded_file_uris():
    assert pdf_href("/archive/Conseil municipal/PV #3.pdf", 4) == "file:///archive/Conseil%20municipal/PV%20%233.pdf#page=4"
    assert pdf_href(None, 2) is None


def test_a_database_without_persons_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE attendance (deliberation_id VARCHAR, person VARCHAR, status VARCHAR, proxy VARCHAR, page INTEGER)")
    con = open_read_only(path)
    with pytest.raises(MissingPersons, match="python -m pipeline.store.persons"):
        read_report_data(con, str(path))
    con.close()
    with pytest.raises(FileNotFoundError):
        open_read_only(tmp_path / "missing.duckdb")


def test_the_cli_writes_the_report(small_db, tmp_path):
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(app, ["report", str(small_db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 collectivités, 4 délibérations" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- real documents -------------------------------------------------------------------------------

CORPUS_FILES = ["pierrefonds/compte-rendu-15-10-2015.pdf", "pierrefonds/compte-rendu-04-04-2016.pdf",
                "pierrefonds/compte-rendu-04-04-2017.pdf", "audierne/DE2021-060_approbation_PLU.pdf"]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    files = [CORPUS / f for f in CORPUS_FILES]
    if not all(f.exists() for f in files):
        pytest.skip("../shared/corpus is not beside the repository")
    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    batch.ingest(files, db, workers=0)
    return db


@pytest.mark.corpus
def test_report_on_real_documents_matches_sql(corpus_db, tmp_path):
    out = tmp_path / "real.html"
    write_report(corpus_db, out)
    report = parse(out)
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        rates = dict(con.execute("SELECT person_id, round(100.0 * count(*) FILTER (WHERE status = 'present') / count(*), 1) "
                                 "FROM attendance WHERE person_id IS NOT NULL GROUP BY ALL").fetchall())
        proxies = dict(((g, h), n) for g, h, n in con.execute(
            "SELECT person_id, proxy_person_id, count(*) FROM attendance WHERE status = 'represented' AND proxy IS NOT NULL "
            "GROUP BY ALL").fetchall())
        dissent = {(pid, vote): n for pid, vote, n in con.execute(
            "SELECT person_id, vote, count(*) FROM vote_names WHERE person_id IS NOT NULL GROUP BY ALL").fetchall()}
        names = dict(con.execute("SELECT person_id, display_name FROM persons").fetchall())
    assert len(rates) > 20 and proxies and dissent
    members = council_tables(report, "members-")
    assert {r["attrs"]["data-person-id"]: float(r["present_pct"]["text"]) for r in members} == rates
    assert {(r["attrs"]["data-giver-id"], r["attrs"]["data-holder-id"]): int(r["deliberations"]["text"])
            for r in council_tables(report, "proxies-")} == proxies
    shown = {}
    for r in council_tables(report, "dissent-"):
        for vote in ("contre", "abstention", "non_participation"):
            if int(r[vote]["text"]):
                shown[(r["attrs"]["data-person-key"], vote)] = int(r[vote]["text"])
    assert {k: v for k, v in shown.items() if not k[0].startswith("printed:")} == dissent
    # Pierrefonds 2015: "Contre : 1, Monsieur TANGUY" is Ronan TANGUY of the attendance list
    contested = {r["objet"]["text"]: r for r in council_tables(report, "votes-")}
    tanguy = [r for r in contested.values() if "Ronan TANGUY" in r["contre_names"]["text"]]
    assert tanguy and "Ronan TANGUY" in names.values()


# --- rendering in a browser -------------------------------------------------------------------------

def _chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None)


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium installed")
def test_page_renders_in_headless_chromium_without_script_errors(small_report, tmp_path):
    path, _ = small_report
    result = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert 'data-ready="1"' in dom  # the inline script ran to its end
    assert "Uncaught" not in result.stderr
    assert 'id="delibs-pierrefonds"' in dom and "<svg" in dom


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium installed")
def test_filter_and_sort_scripts_work_in_headless_chromium(tmp_path):
    from pipeline.outputs.report_html import Column, page, table

    rows = [{"objet": "Repas des aînés 2016", "n": 3}, {"objet": "Budget - Eau et Assainissement", "n": 12},
            {"objet": "Tarifs des insertions", "n": 7}]
    body = table("t", [Column("objet", "objet"), Column("n", "n", numeric=True)], rows, searchable=True)
    # after the report's own script: type "aines" (no accent) in the filter, then sort by n twice
    driver = """<script>
      var input=document.querySelector('input.filter');input.value='aines';input.dispatchEvent(new Event('input'));
      var visible=Array.prototype.filter.call(document.querySelectorAll('#t tbody tr'),function(r){return !r.hidden;}).length;
      var th=document.querySelectorAll('#t th')[1];th.click();th.click();
      var order=Array.prototype.map.call(document.querySelectorAll('#t tbody tr'),function(r){return r.cells[1].textContent;});
      document.body.setAttribute('data-result',visible+'|'+order.join(','));
    </script>"""
    path = tmp_path / "script.html"
    path.write_text(page("t", body).replace("</body>", driver + "</body>"), encoding="utf-8")
    result = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
                             "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert 'data-result="1|12,7,3"' in result.stdout  # one row matched; sorted descending on the second click
