"""Synthetic registry in the kg data model, deterministic by seed: python bench/generate.py TRIPLES OUT_DIR.

Organisations with regional units, people, plans -> projects, lead/participant/funder relations with
budgets, sources and quotes, labels in English and Hangul; 20 ministries fund the plans (network hubs)
and each project has a partner organisation (so agents share projects).
"""
import random
import sys
from pathlib import Path

HEAD = """@prefix rip: <https://w3id.org/rip-kg/def#> . @prefix ag: <https://w3id.org/rip-kg/id/agent/> .
@prefix in: <https://w3id.org/rip-kg/id/initiative/> . @prefix rel: <https://w3id.org/rip-kg/id/relation/> .
@prefix cl: <https://w3id.org/rip-kg/id/claim/> . @prefix src: <https://w3id.org/rip-kg/id/source/> .
@prefix gr: <https://w3id.org/rip-kg/graph/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
"""
HANGUL = "가나다라마바사아자차카타파하"
MINISTRIES = 20


def generate(triples, out, seed=1):
    rnd = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lines, n, i = [HEAD], 0, 0
    while n < triples:
        doc = f"syn{i:06d}"
        lines.append(f'src:{doc} a rip:Source ; dcterms:title "Synthetic article {i}"@en ; dcterms:language "en" ; rip:machineTranslated false .')
        lines.append(f"gr:{doc} prov:wasDerivedFrom src:{doc} .")
        lines.append(f"GRAPH gr:{doc} {{")
        org, unit, person, plan = f"ag:s-org-{i}", f"ag:s-unit-{i}", f"ag:s-person-{i}", f"in:s-plan-{i}"
        ko = "".join(rnd.choice(HANGUL) for _ in range(4))
        lines.append(f'  {org} a rip:ResearchInstitute ; skos:prefLabel "Synthetic Institute {i}"@en , "{ko}연구원"@ko ; rip:acronym "SI{i}" .')
        lines.append(f'  {unit} a rip:RegionalUnit ; org:unitOf {org} ; skos:prefLabel "Synthetic Institute {i} Regional Center"@en .')
        lines.append(f'  {person} a foaf:Person ; skos:prefLabel "Person {i} Kim"@en ; skos:altLabel "Kim Person-{i}"@en .')
        lines.append(f'  {plan} a rip:Plan ; skos:prefLabel "Synthetic Plan {i}"@en .')
        m = rnd.randrange(MINISTRIES)
        lines.append(f'  ag:s-min-{m} a rip:Ministry ; skos:prefLabel "Synthetic Ministry {m}"@en .')
        lines.append(f'  rel:s-{i}-fund a rip:FundingRole ; prov:agent ag:s-min-{m} ; prov:hadRole rip:role-funder ; rip:target {plan} ; rip:quote "funded by ministry {m}" .')
        n += 21
        for k in range(3):
            p = f"in:s-proj-{i}-{k}"
            y = 2020 + rnd.randrange(8)
            cost = rnd.randrange(1, 500) * 100_000_000
            lines.append(f'  {p} a rip:Project ; rip:partOf {plan} ; skos:prefLabel "Synthetic project {i}-{k} for smart manufacturing"@en .')
            lead = unit if k == 0 else f"ag:s-org-{rnd.randrange(i + 1)}"
            lines.append(f'  rel:s-{i}-{k} a rip:ProjectRole ; prov:agent {lead} ; prov:hadRole rip:role-lead ; rip:target {p} ; rip:quote "led by {i}-{k} from {y}" .')
            lines.append(f'  cl:s-{i}-{k} a rip:QuantityClaim ; rip:about {p} ; rip:claimProperty rip:totalCost ; schema:value {cost} ; schema:currency "KRW" ; rip:quote "{cost} KRW" .')
            partner = f"ag:s-org-{rnd.randrange(i + 1)}"
            lines.append(f'  rel:s-{i}-{k}-p a rip:ProjectRole ; prov:agent {partner} ; prov:hadRole rip:role-participant ; rip:target {p} ; rip:quote "with {i}-{k}" .')
            n += 20
        lines.append(f'  rel:s-{i}-chair a rip:Membership ; prov:agent {person} ; prov:hadRole rip:role-chair ; rip:target {org} ; rip:quote "chaired by person {i}" .')
        lines.append("}")
        n += 6
        i += 1
    path = out / "synthetic.trig"
    path.write_text("\n".join(lines) + "\n")
    return path, i


if __name__ == "__main__":
    p, docs = generate(int(sys.argv[1]), sys.argv[2])
    print(f"{p}: {docs} synthetic articles")
