#!/usr/bin/env python3
"""Generates the shade <filter>s in functions/pom.xml that leave unused SDK model classes out of the Lambda jars.

    python3 infra/benchmarks/slank-model.py              # prints the <filter> elements
    python3 infra/benchmarks/slank-model.py --controleer # exit 1 when functions/pom.xml's filters differ from a fresh run

Run it (and paste the output over the generated block in functions/pom.xml; `make test` runs --controleer) when aws.sdk.version changes or when the code
starts calling another operation (GEBRUIKT below). Then rebuild and run `make koude-start`.

How: a class is kept when it is reachable (through its constant pool: class references and type descriptors)
from the service's non-model classes (the sync client, marshallers, endpoints, auth; not the async client,
streams, waiters or warm-up providers, which the pom drops) and from the Request/Response of each operation in
use and every exception. The Request and Response of an operation not in use are leaves: they stay in the jar,
because the verifier loads them with DefaultXxxClient, but their builders and what only they reach go.
"""
import fnmatch
import pathlib
import re
import struct
import sys
import zipfile

GEBRUIKT = {
    "dynamodb": {"GetItem", "PutItem", "Query", "Scan", "BatchWriteItem", "UpdateItem", "DeleteItem", "TransactWriteItems"},
    "sns": {"PublishBatch"},
    "sqs": {"SendMessage"},
}
WEGGELATEN = re.compile(r"(Async|/streams/|/waiters/|/internal/warmup/)")
ROOT = pathlib.Path(__file__).resolve().parents[2]


def sdk_versie():
    return re.search(r"<aws.sdk.version>([^<]+)<", (ROOT / "pom.xml").read_text()).group(1)  # the root pom holds the versions


def verwijzingen(data):
    n = struct.unpack(">H", data[8:10])[0]
    i, k, utf, klassen, uit = 10, 1, {}, [], set()
    while k < n:
        t = data[i]
        if t == 1:
            lengte = struct.unpack(">H", data[i + 1:i + 3])[0]
            utf[k] = data[i + 3:i + 3 + lengte].decode("utf8", "replace")
            i += 3 + lengte
        elif t in (3, 4):
            i += 5
        elif t in (5, 6):
            i += 9
            k += 1
        elif t == 7:
            klassen.append(struct.unpack(">H", data[i + 1:i + 3])[0])
            i += 3
        elif t in (8, 16, 19, 20):
            i += 3
        elif t in (9, 10, 11, 12, 17, 18):
            i += 5
        elif t == 15:
            i += 4
        else:
            raise ValueError(f"onbekende constant-pool-tag {t}")
        k += 1
    for c in klassen:
        s = utf[c].lstrip("[")
        uit.add(s[1:-1] if s.startswith("L") else s)
    for s in utf.values():
        uit.update(re.findall(r"L([\w/$]+)[;<]", s))
    return uit


def weg(svc):
    jar = pathlib.Path.home() / f".m2/repository/software/amazon/awssdk/{svc}/{sdk_versie()}/{svc}-{sdk_versie()}.jar"
    z = zipfile.ZipFile(jar)
    klassen = {n[:-6]: n for n in z.namelist() if n.endswith(".class") and not n.startswith("META-INF")}
    basis = f"software/amazon/awssdk/services/{svc}/"
    model = basis + "model/"
    ops = {n[len(basis + "transform/"):-len("RequestMarshaller")] for n in klassen
           if n.startswith(basis + "transform/") and n.endswith("RequestMarshaller")}
    gebruikt = GEBRUIKT[svc]
    blad = {c for c in klassen for o in ops - gebruikt for s in ("Request", "Response")
            if c == model + o + s or c.startswith(model + o + s + "$")}
    wortels = [c for c in klassen if not c.startswith(model) and not WEGGELATEN.search(c)]
    wortels += [model + o + s for o in gebruikt for s in ("Request", "Response")]
    wortels += [c for c in klassen if c.startswith(model) and "Exception" in c]
    gezien, todo = set(), list(wortels)
    while todo:
        c = todo.pop()
        if c in gezien or c not in klassen:
            continue
        gezien.add(c)
        if c not in blad:
            todo.extend(r for r in verwijzingen(z.read(klassen[c])) if r in klassen)
    alle = {c[len(model):] for c in klassen if c.startswith(model)}
    return alle, {c for c in alle if model + c not in gezien}


def patronen(alle, laten):
    uit = []
    for buiten in sorted({d.split("$")[0] for d in laten}):
        familie = [x for x in alle if x.startswith(buiten)]
        if all(x in laten for x in familie):
            uit.append(buiten + "*")
            continue
        if buiten in laten:
            uit.append(buiten + ".class")
        genest = [x for x in alle if x.startswith(buiten + "$")]
        if genest and all(x in laten for x in genest):
            uit.append(buiten + "$*")
        else:
            uit += sorted(x + ".class" for x in genest if x in laten)
    uit = [p for p in uit if not any(q != p and q.endswith("*") and p.startswith(q[:-1]) for q in uit)]
    gedekt = {x for x in alle if any(fnmatch.fnmatchcase(x + ".class", p) for p in uit)}
    assert gedekt == laten, "patronen dekken precies de weg te laten klassen"
    return uit


def filters():
    regels = []
    for svc in GEBRUIKT:
        alle, laten = weg(svc)
        regels += ["              <filter>", f"                <artifact>software.amazon.awssdk:{svc}</artifact>", "                <excludes>"]
        regels += [f"                  <exclude>software/amazon/awssdk/services/{svc}/model/{p}</exclude>" for p in patronen(alle, laten)]
        regels += ["                </excludes>", "              </filter>"]
    return "\n".join(regels) + "\n"


if __name__ == "__main__":
    tekst = filters()
    if "--controleer" in sys.argv:
        if tekst not in (ROOT / "functions" / "pom.xml").read_text():
            print("slank-model: de gegenereerde model-filters in functions/pom.xml zijn verouderd; draai infra/benchmarks/slank-model.py", file=sys.stderr)
            sys.exit(1)
        print("slank-model: functions/pom.xml is bij")
    else:
        sys.stdout.write(tekst)
