"""A synthetic national registry in the kg data model, deterministic by seed.

    python bench/generate.py TRIPLES OUT_DIR [--seed N]

Writes OUT_DIR/synthetic.trig (streamed: 10M triples in bounded memory). Its shape follows the five
articles, at national scale: each synthetic press release is a source with its own named graph that
names the bodies it mentions (English and Hangul labels, acronyms, romanizations of people's names)
and states qualified relations with roles, periods, budgets and quotes:

- 18 ministries and 17 regional governments (each with its head's post and the person holding it);
- research institutes with regional units, universities, companies, industry associations;
- plans -> strategies -> tasks (one plan in ten releases), and projects under the tasks, each with a
  lead (often an institute's regional unit), participants and a funder (a ministry or a region) with
  an amount in KRW and a period; a total-cost claim per project;
- agreements (MoU) with their signatories, councils with their chairs.
"""
import random
import sys
from pathlib import Path

HEAD = """@prefix rip: <https://w3id.org/rip-kg/def#> . @prefix ag: <https://w3id.org/rip-kg/id/agent/> .
@prefix in: <https://w3id.org/rip-kg/id/initiative/> . @prefix rel: <https://w3id.org/rip-kg/id/relation/> .
@prefix cl: <https://w3id.org/rip-kg/id/claim/> . @prefix src: <https://w3id.org/rip-kg/id/source/> .
@prefix per: <https://w3id.org/rip-kg/id/period/> . @prefix gr: <https://w3id.org/rip-kg/graph/> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix time: <http://www.w3.org/2006/time#> .
"""
REGIONS = [("Seoul", "서울"), ("Busan", "부산"), ("Daegu", "대구"), ("Incheon", "인천"), ("Gwangju", "광주"),
           ("Daejeon", "대전"), ("Ulsan", "울산"), ("Sejong", "세종"), ("Gyeonggi", "경기"), ("Gangwon", "강원"),
           ("North Chungcheong", "충북"), ("South Chungcheong", "충남"), ("North Jeolla", "전북"),
           ("South Jeolla", "전남"), ("North Gyeongsang", "경북"), ("South Gyeongsang", "경남"), ("Jeju", "제주")]
MINISTRIES = ["Trade, Industry and Energy", "Science and ICT", "SMEs and Startups", "Education", "Land, Infrastructure and Transport",
              "Oceans and Fisheries", "Environment", "Employment and Labor", "Economy and Finance", "Interior and Safety",
              "Agriculture, Food and Rural Affairs", "Health and Welfare", "Culture, Sports and Tourism", "Defense",
              "Foreign Affairs", "Justice", "Unification", "Gender Equality and Family"]
FIELDS = [("smart manufacturing", "스마트제조"), ("hydrogen", "수소"), ("semiconductors", "반도체"), ("batteries", "이차전지"),
          ("marine robotics", "해양로봇"), ("bio-health", "바이오헬스"), ("AI", "인공지능"), ("mobility", "모빌리티"),
          ("shipbuilding", "조선"), ("digital twins", "디지털트윈"), ("carbon neutrality", "탄소중립"), ("logistics", "물류")]
FAMILY = [("Kim", "김", ["Gim"]), ("Lee", "이", ["Yi", "Rhee"]), ("Park", "박", ["Pak", "Bak"]), ("Choi", "최", ["Choe"]),
          ("Jung", "정", ["Jeong", "Chung"]), ("Kang", "강", ["Gang"]), ("Cho", "조", ["Jo"]), ("Yoon", "윤", ["Yun"])]
GIVEN = [("Min-jun", "민준", ["Minjun", "Min Jun"]), ("Seo-yeon", "서연", ["Seoyeon", "Suh-yeon"]),
         ("Hyung-jun", "형준", ["Hyungjun", "Heong-joon", "Hyeong-jun"]), ("Ji-woo", "지우", ["Jiwoo", "Chi-u"]),
         ("Do-yun", "도윤", ["Doyun", "To-yun"]), ("Ha-eun", "하은", ["Haeun"]), ("Sung-ho", "성호", ["Seongho", "Song-ho"])]
SYLLABLES = "가나다라마바사아자차카타파하한국대신성진"


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Registry:
    """The national bodies, created up front (their number grows with the registry's size)."""

    def __init__(self, rnd, articles):
        self.rnd = rnd
        self.institutes = max(10, articles // 25)
        self.universities = max(10, articles // 20)
        self.companies = max(20, articles // 4)
        self.associations = max(5, articles // 40)
        self.people = max(40, articles // 2)

    def person(self, k):
        f, g = FAMILY[k % len(FAMILY)], GIVEN[(k // len(FAMILY)) % len(GIVEN)]
        return f"ag:s-person-{k}", f, g, k

    def mentions(self, kind, k):
        """(IRI, lines naming it) for body K of KIND, as an article names it."""
        n = k if isinstance(k, int) else k[0]
        rnd_ko = "".join(SYLLABLES[(n * 7 + j * 3) % len(SYLLABLES)] for j in range(3))
        if kind == "ministry":
            name = MINISTRIES[k]
            return f"ag:s-min-{k}", [f"ag:s-min-{k} a rip:Ministry", f"ag:s-min-{k} skos:prefLabel {q('Ministry of ' + name)}@en",
                                      f"ag:s-min-{k} rip:acronym {q('M' + ''.join(w[0] for w in name.split() if w[0].isupper()))}"]
        if kind == "region":
            en, ko = REGIONS[k]
            return f"ag:s-region-{k}", [f"ag:s-region-{k} a rip:LocalGovernment", f"ag:s-region-{k} skos:prefLabel {q(en + ' Government')}@en",
                                         f"ag:s-region-{k} skos:prefLabel {q(ko + '시청')}@ko"]
        if kind == "institute":
            iri = f"ag:s-inst-{k}"
            field = FIELDS[k % len(FIELDS)]
            return iri, [f"{iri} a rip:ResearchInstitute", f"{iri} skos:prefLabel {q(f'Korea Institute of {field[0].title()} {k}')}@en",
                         f"{iri} skos:prefLabel {q(f'한국{field[1]}{rnd_ko}연구원')}@ko", f"{iri} rip:acronym {q(f'KI{k}')}"]
        if kind == "unit":
            inst, region = k
            iri = f"ag:s-inst-{inst}-{region}"
            return iri, [f"{iri} a rip:RegionalUnit", f"{iri} org:unitOf ag:s-inst-{inst}",
                         f"{iri} skos:prefLabel {q(f'Korea Institute {inst} {REGIONS[region][0]} Center')}@en"]
        if kind == "university":
            en, ko = REGIONS[k % len(REGIONS)]
            iri = f"ag:s-univ-{k}"
            return iri, [f"{iri} a rip:University", f"{iri} skos:prefLabel {q(f'{en} National University {k}')}@en",
                         f"{iri} skos:prefLabel {q(f'{ko}{rnd_ko}대학교')}@ko"]
        if kind == "company":
            iri = f"ag:s-co-{k}"
            return iri, [f"{iri} a rip:Company", f"{iri} skos:prefLabel {q(f'{FIELDS[k % len(FIELDS)][0].title()} Tech {k} Co., Ltd.')}@en",
                         f"{iri} skos:prefLabel {q(f'{rnd_ko}테크 {k}')}@ko"]
        if kind == "association":
            iri = f"ag:s-assoc-{k}"
            return iri, [f"{iri} a rip:IndustryAssociation", f"{iri} skos:prefLabel {q(f'Korea {FIELDS[k % len(FIELDS)][0].title()} Association {k}')}@en"]
        if kind == "person":
            iri, (fam, fam_ko, fam_alt), (giv, giv_ko, giv_alt), _ = self.person(k)
            lines = [f"{iri} a foaf:Person", f"{iri} skos:prefLabel {q(f'{fam} {giv} {k}')}@en",
                     f"{iri} skos:prefLabel {q(f'{fam_ko}{giv_ko}{k}')}@ko"]
            lines += [f"{iri} rip:romanization {q(f'{a} {b} {k}')}@en" for a in fam_alt[:1] for b in giv_alt[:2]]
            return iri, lines
        raise ValueError(kind)


class Article:
    """One synthetic press release being written: the lines of its named graph, and the bodies it has
    named so far (each named once, the first time it is mentioned)."""

    def __init__(self, reg, i):
        self.reg, self.i, self.lines, self.named = reg, i, [], set()

    def mention(self, kind, k):
        iri, own = self.reg.mentions(kind, k)
        if iri not in self.named:
            self.named.add(iri)
            self.lines.extend(own)
        return iri

    def relation(self, rid, cls, agent, role, target, quote, year=None, amount=None):
        i, lines = self.i, self.lines
        r = f"rel:s{i}-{rid}"
        lines.extend([f"{r} a rip:{cls}", f"{r} prov:agent {agent}", f"{r} prov:hadRole rip:role-{role}",
                      f"{r} rip:target {target}", f"{r} rip:quote {q(quote)}"])
        if year:
            lines.append(f"{r} rip:period per:s-y{year}-{year + 4}")
        if amount:
            lines.extend([f"{r} rip:amount cl:s{i}-{rid}-m", f"cl:s{i}-{rid}-m schema:value {amount}",
                          f'cl:s{i}-{rid}-m schema:currency "KRW"'])


def generate(triples, out, seed=1):
    """Write about TRIPLES triples to OUT/synthetic.trig. A dict: path, articles, triples, and names to
    look up in it: a project, and two institutes that lead projects through a regional unit (the highest
    and lowest numbered such, so they are in the data at any size; `kg partners` and `kg path` reach them
    with --by-parent, since an institute acts through its units)."""
    rnd = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "synthetic.trig"
    articles = max(1, triples // 95)
    reg = Registry(rnd, articles)
    tasks = []  # tasks of the plans so far: projects are placed under them
    leading = set()  # institutes whose regional units lead a project
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEAD)
        for y in range(2015, 2036):
            f.write(f'per:s-y{y} a time:ProperInterval ; rdfs:label "{y}" .\n')
            f.write(f'per:s-y{y}-{y + 4} a time:ProperInterval ; rdfs:label "{y}-{y + 4}" .\n')
            n += 4
        i = 0
        while n < triples:
            article = Article(reg, i)  # its lines (the named graph) and the bodies it has named so far
            lines, mention, relation = article.lines, article.mention, article.relation

            region = rnd.randrange(len(REGIONS))
            year = 2018 + rnd.randrange(12)
            doc = f"s{i:07d}"
            head = [f"src:{doc} a rip:Source", f'src:{doc} dcterms:title "Synthetic press release {i}"@en',
                    f'src:{doc} dcterms:language "{"ko" if i % 3 else "en"}"', f"src:{doc} rip:machineTranslated {'true' if i % 3 else 'false'}",
                    f'src:{doc} dcterms:issued "{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"^^xsd:date',
                    f"src:{doc} dcterms:publisher {mention('region', region)}", f"gr:{doc} prov:wasDerivedFrom src:{doc}"]
            gov = mention("region", region)
            if i % 10 == 0 or not tasks:  # a plan with its strategies and tasks
                plan = f"in:s-plan-{i}"
                field = FIELDS[rnd.randrange(len(FIELDS))]
                lines += [f"{plan} a rip:Plan", f"{plan} skos:prefLabel {q(f'{REGIONS[region][0]} {field[0]} plan {year}')}@en",
                          f"{plan} skos:prefLabel {q(f'{REGIONS[region][1]} {field[1]} 계획 {year}')}@ko"]
                relation("plan-lead", "QualifiedRelation", gov, "lead", plan, f"the {REGIONS[region][0]} government drew up the plan", year)
                for s in range(3):
                    st = f"in:s-plan-{i}-s{s}"
                    lines += [f"{st} a rip:Strategy", f"{st} rip:partOf {plan}", f"{st} skos:prefLabel {q(f'Strategy {s + 1} of plan {i}')}@en"]
                    for t in range(3):
                        tk = f"{st}-t{t}"
                        lines += [f"{tk} a rip:Task", f"{tk} rip:partOf {st}", f"{tk} skos:prefLabel {q(f'Task {s + 1}-{t + 1} of plan {i}')}@en"]
                        tasks.append(tk)
                lines += [f"cl:s{i}-tasks a rip:QuantityClaim", f"cl:s{i}-tasks rip:about {plan}", f"cl:s{i}-tasks rip:claimProperty rip:taskCount",
                          f"cl:s{i}-tasks schema:value 9", f'cl:s{i}-tasks rip:quote "3 strategies and 9 tasks"']
            funder = mention("ministry", rnd.randrange(len(MINISTRIES))) if i % 2 else gov
            for p in range(3):
                proj = f"in:s-proj-{i}-{p}"
                task = tasks[rnd.randrange(len(tasks))]
                field = FIELDS[rnd.randrange(len(FIELDS))]
                project_name = f"{field[0].title()} project {i}-{p}"
                lines += [f"{proj} a rip:Project", f"{proj} rip:partOf {task}", f"{proj} rip:period per:s-y{year}-{year + 4}",
                          f"{proj} skos:prefLabel {q(project_name)}@en",
                          f"{proj} skos:prefLabel {q(f'{field[1]} 사업 {i}-{p}')}@ko"]
                inst = rnd.randrange(reg.institutes)
                mention("institute", inst)
                if p == 0:
                    leading.add(inst)
                lead = mention("unit", (inst, region)) if p == 0 else (
                    mention("university", rnd.randrange(reg.universities)) if p == 1 else mention("company", rnd.randrange(reg.companies)))
                cost = rnd.randrange(5, 500) * 100_000_000
                relation(f"{p}-lead", "ProjectRole", lead, "lead", proj, f"led by {lead.split(':')[1]} from {year}", year)
                for k in range(2):
                    partner = mention("company", rnd.randrange(reg.companies)) if k else mention("university", rnd.randrange(reg.universities))
                    relation(f"{p}-part{k}", "ProjectRole", partner, "participant", proj, f"with {partner.split(':')[1]}")
                relation(f"{p}-fund", "FundingRole", funder, "funder", proj, f"{cost // 100_000_000} hundred million won", year, cost)
                lines += [f"cl:s{i}-{p} a rip:QuantityClaim", f"cl:s{i}-{p} rip:about {proj}", f"cl:s{i}-{p} rip:claimProperty rip:totalCost",
                          f"cl:s{i}-{p} schema:value {cost}", f'cl:s{i}-{p} schema:currency "KRW"', f'cl:s{i}-{p} rip:quote "{cost} KRW in total"']
            if i % 5 == 0:  # an agreement with three signatories
                mou = f"in:s-mou-{i}"
                lines += [f"{mou} a rip:MemorandumOfUnderstanding", f"{mou} skos:prefLabel {q(f'MoU {i} on {FIELDS[i % len(FIELDS)][0]}')}@en"]
                for k, who in enumerate((gov, mention("association", rnd.randrange(reg.associations)),
                                         mention("company", rnd.randrange(reg.companies)))):
                    relation(f"mou{k}", "AgreementRole", who, "signatory", mou, f"signed by {who.split(':')[1]}")
            if i % 7 == 0:  # a council chaired by the region's head
                council = f"ag:s-council-{i}"
                person = mention("person", rnd.randrange(reg.people))
                lines += [f"{council} a rip:Council", f"{council} skos:prefLabel {q(f'{REGIONS[region][0]} {FIELDS[i % len(FIELDS)][0]} council {i}')}@en"]
                relation("chair", "Membership", person, "chair", council, f"chaired by {person.split(':')[1]}")
                relation("head", "Membership", person, "head", gov, f"{person.split(':')[1]} heads the region")
            f.write(" .\n".join(head) + " .\nGRAPH gr:" + doc + " {\n" + " .\n".join(lines) + " .\n}\n")
            n += len(head) + len(lines)
            i += 1
    name = lambda k: f"Korea Institute of {FIELDS[k % len(FIELDS)][0].title()} {k}"  # noqa: E731
    return {"path": path, "articles": i, "triples": n, "project": project_name,
            "institute": name(max(leading)), "institute2": name(min(leading))}


USAGE = "usage: python bench/generate.py TRIPLES DIRECTORY [--seed N]   (a synthetic registry of about TRIPLES triples)"

if __name__ == "__main__":
    args = sys.argv[1:]
    if "-h" in args or "--help" in args or len([a for a in args if not a.startswith("-")]) < 2:
        raise SystemExit(USAGE)
    seed = 1
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    g = generate(int(args[0]), args[1], seed=seed)
    print(f"{g['path']}: {g['articles']:,} synthetic press releases, {g['triples']:,} triples")
