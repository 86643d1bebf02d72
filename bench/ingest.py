"""Drafting measured on the development set: every article drafted, scored with its scorer, beside the
targets of issue 20, with the time per article.

    python bench/ingest.py [DEV_DIR] [--korean rules|kiwi|both] [--smoke]

DEV_DIR is ingest-dev (en/, ko/, gold/, score.py, known-ids.txt), by default ../shared/ingest-dev beside
the checkout. Each language is drafted in a fresh process: "cold" is the first article of that process
(imports, opening the graph, the gazetteer, Kiwi's model when used), "warm" the mean of the others.
The scorer runs with --known-ids, so a link to an entity added to the graph since the gold counts as new.
--korean both drafts the Korean articles with the rules and with Kiwi and prints both. --smoke: one
article per language, the same steps (without the development set: said so, exit 0).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = [("quotes verbatim", "quotes", 1.0), ("entity links F1", "links", 0.90), ("entity mentions F1", "entities", 0.80),
           ("amounts F1", "amounts", 0.95), ("relations F1 (role)", "relations", 0.60),
           ("relations F1 (untyped)", "relations_untyped", 0.70)]


def worker(lang, dev, out, korean, limit):
    """Draft the articles of LANG into OUT; print the seconds of each, the first from the process start."""
    started = float(os.environ.get("KG_BENCH_STARTED", time.time()))
    sys.path.insert(0, str(ROOT))
    import kg

    articles = sorted((Path(dev) / lang).glob("*.txt"))[:limit or None]
    graph = kg.open_graph()
    times = []
    t = started
    for a in articles:
        d = kg.draft_article(str(a), graph=graph, korean=korean)
        (Path(out) / f"{a.name[:2]}.json").write_text(json.dumps(d, ensure_ascii=False, indent=1), encoding="utf-8")
        now = time.time()
        times.append(now - t)
        t = now
    print(json.dumps({"files": [a.name for a in articles], "times": times}))


def f1(d):
    p = d["tp"] / (d["tp"] + d["fp"]) if d["tp"] + d["fp"] else (1.0 if d["fn"] == 0 else 0.0)
    r = d["tp"] / (d["tp"] + d["fn"]) if d["tp"] + d["fn"] else (1.0 if d["fp"] == 0 else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def measure(section, d):
    if section == "quotes":
        return d["valid"] / d["n"] if d["n"] else 1.0
    return f1(d)


def run(dev, lang, korean, limit, tmp):
    out = Path(tmp) / f"{lang}-{korean}"
    out.mkdir()
    env = dict(os.environ, KG_BENCH_STARTED=str(time.time()))
    r = subprocess.run([sys.executable, __file__, "--worker", lang, str(dev), str(out), "--korean", korean,
                        "--limit", str(limit)], capture_output=True, text=True, env=env)
    if r.returncode:
        sys.exit(f"drafting {lang} failed:\n{r.stderr}")
    timing = json.loads(r.stdout.strip().splitlines()[-1])
    gold = dev / "gold" / lang
    if limit:  # score only the articles drafted
        keep = Path(tmp) / f"gold-{lang}-{korean}"
        keep.mkdir()
        for f in timing["files"]:
            src = gold / f"{f[:2]}.json"
            (keep / src.name).write_bytes(src.read_bytes())
        gold = keep
    report = Path(tmp) / f"score-{lang}-{korean}.json"
    args = [sys.executable, str(dev / "score.py"), str(gold), str(out), "--articles", str(dev / lang), "--quiet",
            "--json", str(report)]
    if (dev / "known-ids.txt").exists():
        args += ["--known-ids", str(dev / "known-ids.txt")]
    s = subprocess.run(args, capture_output=True, text=True)
    if s.returncode:
        sys.exit(f"scoring {lang} failed:\n{s.stderr}")
    return timing, json.loads(report.read_text(encoding="utf-8"))


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dev", nargs="?", default=str(ROOT.parent / "shared" / "ingest-dev"))
    ap.add_argument("--korean", choices=["rules", "kiwi", "both"], default="rules")
    ap.add_argument("--smoke", action="store_true", help="one article per language")
    ap.add_argument("--worker", nargs=3, metavar=("LANG", "DEV", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        worker(a.worker[0], a.worker[1], a.worker[2], a.korean, a.limit)
        return 0
    dev = Path(a.dev).resolve()
    if not (dev / "score.py").exists():
        print(f"bench/ingest.py: no development set at {dev} (score.py, en/, ko/, gold/): nothing measured")
        return 0
    limit = 1 if a.smoke else 0
    koreans = ["rules", "kiwi"] if a.korean == "both" else [a.korean]
    if "kiwi" in koreans:
        try:
            import kiwipiepy  # noqa: F401 - the optional extra, checked before drafting
        except ImportError:
            print("--korean kiwi: kiwipiepy is not installed (pip install 'rip-kg[ko]'); the rules only")
            koreans = ["rules"]
    with tempfile.TemporaryDirectory() as tmp:
        results = {("en", "rules"): run(dev, "en", "rules", limit, tmp)}
        for k in koreans:
            results[("ko", k)] = run(dev, "ko", k, limit, tmp)
        for k in koreans:
            print(f"\nKorean analysed by: {k}\n")
            parts = [results[("en", "rules")], results[("ko", k)]]
            rows = []
            total = {}
            for (timing, report), lang in zip(parts, ("en", "ko")):
                for f, t in zip(timing["files"], timing["times"]):
                    r = report["per_file"][f"{f[:2]}.json"]
                    rows.append([f"{lang}/{f[:2]}", *[f"{measure(s, r[s]):.2f}" for _, s, _ in TARGETS],
                                 f"{r['links']['fp']}", f"{t:.2f}"])
                for sec, d in report["overall"].items():
                    tot = total.setdefault(sec, {})
                    for key, v in d.items():
                        tot[key] = tot.get(key, 0) + v
            table(rows, ["article", *[n for n, _, _ in TARGETS], "false links", "seconds"])
            print()
            summary = []
            for name, sec, target in TARGETS:
                en_v = measure(sec, parts[0][1]["overall"][sec])
                ko_v = measure(sec, parts[1][1]["overall"][sec])
                all_v = measure(sec, total[sec])
                summary.append([name, f"{all_v:.3f}", f"{en_v:.3f}", f"{ko_v:.3f}", f"≥ {target:.2f}",
                                "met" if all_v >= target else "NOT met"])
            fl = total["links"]["fp"]
            summary.append(["false links", str(fl), str(parts[0][1]["overall"]["links"]["fp"]),
                            str(parts[1][1]["overall"]["links"]["fp"]), "0", "met" if fl == 0 else "NOT met"])
            for lang, (timing, _), budget in (("en", parts[0], 1.0), ("ko", parts[1], 2.0)):
                warm = timing["times"][1:]
                w = sum(warm) / len(warm) if warm else float("nan")
                summary.append([f"time per article, {lang}", f"cold {timing['times'][0]:.2f} s, warm {w:.3f} s", "", "",
                                f"warm ≤ {budget:g} s", "met" if warm and w <= budget else ("-" if not warm else "NOT met")])
            table(summary, ["measure (development set)", "overall", "en", "ko", "target", ""])
            for sec, label in (("amounts_about", "amounts with what they are about"), ("periods", "periods"),
                               ("counts", "counts"), ("relations_explicit", "relations, explicit only")):
                print(f"  {label}: F1 {measure(sec, total[sec]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
